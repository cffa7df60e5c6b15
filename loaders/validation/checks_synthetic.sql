-- Synthetic (or loaded) data against published benchmark ranges: how many headline rates fall inside.
-- grain: one row per check
select
  'synthetic-data' as method
  , 'benchmarks_within_range' as check_id
  , 'headline rates (line of business × metric) inside their published benchmark range' as description
  , count(*) filter (where within_range)::double as value
  , count(*) filter (where low is not null)::double as reference
  , null::double as tolerance
  , count(*) filter (where low is not null) > 0
    and count(*) filter (where within_range) = count(*) filter (where low is not null) as passed
  , 'data/reference/benchmarks.csv' as source
from data_benchmarks
