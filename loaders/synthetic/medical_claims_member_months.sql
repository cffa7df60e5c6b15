-- The member-months the ambulatory events are drawn from, in member order, then month order: the
-- member, the month number m, the month's first and last eligible day (days since 1970-01-01), the
-- frailty and the condition count.
-- grain: one row per member_id and month number m
select
  c.member_index
  , x.m::integer as m
  , (x.month_start - date '1970-01-01')::integer as month_start
  , (x.last_day_eligible::date - date '1970-01-01')::integer as last_day
  , x.frailty::double as frailty
  , x.cc::integer as cc
from exposure x
join claim_members c using (member_id)
order by c.member_index, x.m
