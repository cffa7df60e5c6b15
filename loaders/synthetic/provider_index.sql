-- Providers numbered within practice type and region (telehealth is plan-wide, region '*'), so a
-- claim picks one with a single equi-join on a hashed index.
-- grain: one row per practice_type, scope_region and idx
select
  practice_type
  , case when practice_type = 'telehealth' then '*' else region end as scope_region
  , (row_number() over (partition by practice_type, scope_region order by provider_id) - 1)::integer as idx
  , count(*) over (partition by practice_type, scope_region) as n
  , provider_id
from providers
order by practice_type, scope_region, idx
