-- The star engine against CMS's published 2026 ratings: ratings reproduced exactly, per rating kind, over
-- every contract CMS or the engine rates.
-- grain: one row per check
with pairs as (
  select 'part_c' as kind, part_c_summary as engine, published_part_c as published from stars_national_2026
  union all select 'part_d', part_d_summary, published_part_d from stars_national_2026
  union all select 'overall', overall, published_overall from stars_national_2026
)
, counted as (
  select kind
    , count(*) filter (where engine is not null or published is not null) as rated
    , count(*) filter (where (engine is not null or published is not null) and engine is not distinct from published)
      as reproduced
  from pairs
  group by kind
)
select 'stars-engine' as method, 'reproduced_' || kind as check_id
  , 'published 2026 ' || replace(kind, '_', ' ') || ' ratings the engine reproduces exactly' as description
  , reproduced::double as value, rated::double as reference, null::double as tolerance
  , rated > 0 and reproduced = rated as passed
  , 'stars_national_2026 (CMS 2026 Star Ratings Data Tables)' as source
from counted
