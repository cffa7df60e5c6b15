-- The measurement year caretakers work on (the latest in member_measures) and the as-of date.
-- grain: one row
select max(m.measurement_year) as measurement_year, (select max(data_end) from care_origins) as as_of
from member_measures m
