-- Per member, in member order: the region's code (its rank among the regions, from 0), 1 for a
-- commercial member, and the death day (days since 1970-01-01; 2³¹ − 1 for none).
-- grain: one row per member_id
select
  r.code as region
  , c.is_commercial::integer as is_commercial
  , coalesce((c.death_date::date - date '1970-01-01')::integer, 2147483647) as death_day
from claim_members c
join (
  select region, (row_number() over (order by region) - 1)::integer as code
  from (select distinct region from claim_members)
) r using (region)
order by c.member_index
