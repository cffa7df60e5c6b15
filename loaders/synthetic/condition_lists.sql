-- Each member's chronic conditions as an ordered list (for picking a diagnosis).
-- grain: one row per member_id with at least one condition
select member_id, list(condition order by condition) as conditions, count(*) as cc
from member_conditions
group by member_id
