-- Every member in member order, with the pharmacy pharmacy_claims.sql picks for them (one of the
-- pharmacies in the member's region, by runif('rx_pharmacy')); null where the region has none.
-- grain: one row per member_id
select m.member_id, p.provider_id
from people m
left join (select scope_region, n from provider_index where practice_type = 'pharmacy' and idx = 0) c
  on c.scope_region = m.region
left join provider_index p
  on p.practice_type = 'pharmacy' and p.scope_region = m.region
  and p.idx = floor(runif('rx_pharmacy', m.member_id, 0, 0) * c.n)::integer
order by m.member_id
