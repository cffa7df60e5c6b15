-- Each member's chronic conditions in member order, then name order (as condition_lists.sql lists
-- them), as codes: a condition's rank among the conditions any member has, from 0.
-- grain: one row per member_id and condition
select c.member_index, k.code
from member_conditions mc
join claim_members c using (member_id)
join (
  select condition, (row_number() over (order by condition) - 1)::integer as code
  from (select distinct condition from member_conditions)
) k using (condition)
order by c.member_index, mc.condition
