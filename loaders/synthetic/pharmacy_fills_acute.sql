-- Member-months with at least one acute fill (u ≥ e^{−λ}, rpois's first branch), in member order,
-- with the month's first and last eligible day (days since 1970-01-01).
-- grain: one row per member_id and month number m
select
  f.member_index
  , x.m::integer as m
  , (x.month_start - date '1970-01-01')::integer as month_start
  , (x.last_day_eligible::date - date '1970-01-01')::integer as last_day
  , x.lam_acute_rx::double as lam
  , x.u_acute_rx::double as u
from exposure x
join fill_members f using (member_id)
where x.u_acute_rx >= exp(-x.lam_acute_rx)
order by f.member_index, x.m
