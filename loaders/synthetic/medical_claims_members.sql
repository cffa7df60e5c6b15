-- The medical claims' members: every member numbered 0, 1, … in member order, with the region and
-- line of business their claim lines take and the death date that ends their last eligible month.
-- grain: one row per member_id
create or replace temp table claim_members as
select
  member_id
  , (row_number() over (order by member_id) - 1)::integer as member_index
  , region
  , line_of_business = 'commercial' as is_commercial
  , death_date
from people
