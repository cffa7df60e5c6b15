-- Each member's frailty, as exposure.sql computes it (the same on every member-month), for the
-- members with a member-month in the window.
-- grain: one row per member_id
select c.member_index, any_value(x.frailty)::double as frailty
from exposure x
join claim_members c using (member_id)
group by c.member_index
order by c.member_index
