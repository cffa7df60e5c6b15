-- The data window's months as exposure.sql dates them: m = 0 … months − 1, first and last day
-- (days since 1970-01-01).
-- grain: one row per month number m
select
  m::integer as m
  , ((getvariable('start_date')::date + to_months(m::integer))::date - date '1970-01-01')::integer as first_day
  , (last_day((getvariable('start_date')::date + to_months(m::integer))::date) - date '1970-01-01')::integer as last_day
from range(getvariable('months')) t(m)
order by m
