-- Enrollment spans in member order (days since 1970-01-01): a maintenance fill is kept only inside one.
-- grain: one row per member_id and enrollment span
select
  member_id
  , (enrollment_start_date - date '1970-01-01')::integer as start_day
  , (enrollment_end_date - date '1970-01-01')::integer as end_day
from eligibility
order by member_id, start_day
