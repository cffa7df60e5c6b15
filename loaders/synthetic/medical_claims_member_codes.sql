-- Per member, in member order: the region's code (its rank among the regions, from 0) and 1 for a
-- commercial member.
-- grain: one row per member_id
select r.code as region, c.is_commercial::integer as is_commercial
from claim_members c
join (
  select region, (row_number() over (order by region) - 1)::integer as code
  from (select distinct region from claim_members)
) r using (region)
order by c.member_index
