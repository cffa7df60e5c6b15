-- Prediction origins every three months counted back from the day after the data end (the scoring
-- origin) while a full twelve-month look-back remains. An origin is labelled when its three-month
-- outcome window [origin, origin + 3 months) has closed by the data end; the scoring origin is not.
-- grain: one row per origin_date
with bounds as (
  select min(service_date) as data_start, max(service_date) as data_end from stars_medical_lines
)
, steps as (
  select unnest(range(0, 400)) as k, data_start, data_end from bounds
)
select (data_end + 1 - k * interval 3 month)::date as origin_date
  , k > 0 as labelled
  , data_end
from steps
where (data_end + 1 - k * interval 3 month)::date >= (data_start + interval 12 month)::date
