-- The fills' members: every member numbered 0, 1, … in member order, with the pharmacy picked for
-- them (member_pharmacies.sql; null where the region has none) and the hash of the member id (two
-- 32-bit halves) that the draws combine.
-- grain: one row per member_id
create or replace temp table fill_members as
select
  m.member_id
  , (row_number() over (order by m.member_id) - 1)::integer as member_index
  , p.provider_id
  , (hash(m.member_id) >> 32)::uinteger as hash_hi
  , (hash(m.member_id) & 4294967295)::uinteger as hash_lo
from people m
left join member_pharmacies p using (member_id)
