-- Measurement years: every complete calendar year the data covers, plus the current partial year
-- "to date" (its period ends on the day the data runs through, for care gaps). Look-backs before
-- data_start are not observable; enrolment gaps are only counted from data_start.
-- grain: one row per measurement_year
with bounds as (
  select
    min(enrollment_start_date) as data_start
    , least(max(enrollment_end_date), coalesce(greatest(
        (select max(service_date) from medical_claims)
        , (select max(dispensing_date) from pharmacy_claims)), max(enrollment_end_date))) as data_end
  from eligibility
)
, years as (
  select b.*, unnest(range(year(b.data_start), year(b.data_end) + 1)) as measurement_year from bounds b
)
select
  measurement_year::integer as measurement_year
  , make_date(measurement_year, 1, 1) as period_start
  , least(make_date(measurement_year, 12, 31), data_end) as period_end
  , make_date(measurement_year, 12, 31) as due_date
  , data_end >= make_date(measurement_year, 12, 31) as is_complete
  , data_start
  , data_end
from years
where data_start <= make_date(measurement_year, 1, 1)
