-- The code lists the measures read (data/stars/value_sets.csv), loaded by the runner with the
-- CSV path bound to $value_sets_csv.
-- grain: one row per value_set, code_type and code
select value_set, code_type, code, description
from read_csv(getvariable('stars_value_sets_csv'), header = true, all_varchar = true)
