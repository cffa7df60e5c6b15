-- The fills' members: every member numbered 0, 1, … in member order, with the pharmacy
-- pharmacy_claims.sql picks for them (one of the pharmacies in the member's region, by
-- runif('rx_pharmacy')), null where the region has none, and the hash of the member id (two
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
left join (select scope_region, n from provider_index where practice_type = 'pharmacy' and idx = 0) c
  on c.scope_region = m.region
left join provider_index p
  on p.practice_type = 'pharmacy' and p.scope_region = m.region
  and p.idx = floor(runif('rx_pharmacy', m.member_id, 0, 0) * c.n)::integer
