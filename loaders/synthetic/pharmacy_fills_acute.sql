-- Member-months with at least one acute fill (u ≥ e^{−λ}, rpois's first branch), in member order,
-- with the month's first and last eligible day (days since 1970-01-01).
-- grain: one row per member_id and month number m
select
  member_id, m
  , (month_start - date '1970-01-01')::integer as month_start
  , (last_day_eligible::date - date '1970-01-01')::integer as last_day
  , lam_acute_rx as lam, u_acute_rx as u
from exposure
where u_acute_rx >= exp(-lam_acute_rx)
order by member_id, m
