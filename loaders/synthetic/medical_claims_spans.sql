-- The enrollment spans' months in the data window, in member order, as exposure.sql numbers them:
-- months first_m … end_m − 1 (m = 0 is the window's first month). The member-months the ambulatory
-- events are drawn from.
-- grain: one row per member_id and enrollment_start_date
select
  c.member_index
  , greatest(0, datediff('month', getvariable('start_date')::date, e.enrollment_start_date))::integer as first_m
  , least(getvariable('months'), datediff('month', getvariable('start_date')::date, e.enrollment_end_date) + 1)::integer
    as end_m
from eligibility e
join claim_members c using (member_id)
order by c.member_index, first_m
