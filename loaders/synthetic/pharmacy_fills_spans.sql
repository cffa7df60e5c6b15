-- Enrollment spans in member order (days since 1970-01-01): a maintenance fill is kept only inside one.
-- grain: one row per member_id and enrollment span
select
  f.member_index
  , (e.enrollment_start_date - date '1970-01-01')::integer as start_day
  , (e.enrollment_end_date - date '1970-01-01')::integer as end_day
from eligibility e
join fill_members f using (member_id)
order by f.member_index, start_day
