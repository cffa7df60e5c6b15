-- Each member's pharmacy: one of the pharmacies in the member's region, picked once per member (not
-- once per fill) by runif('rx_pharmacy'); members of a region without a pharmacy have no row.
-- grain: one row per member_id
select m.member_id, p.provider_id
from people m
join (select scope_region, n from provider_index where practice_type = 'pharmacy' and idx = 0) c
  on c.scope_region = m.region
join provider_index p
  on p.practice_type = 'pharmacy' and p.scope_region = m.region
  and p.idx = floor(runif('rx_pharmacy', m.member_id, 0, 0) * c.n)::integer
