-- Per member, in member order: the pharmacy's code (its rank among the picked pharmacies, from 0;
-- −1 where the region has none) and the member id's hash.
-- grain: one row per member_id
select coalesce(p.code, -1)::integer as provider, f.hash_hi, f.hash_lo
from fill_members f
left join (
  select provider_id, (row_number() over (order by provider_id) - 1)::integer as code
  from (select distinct provider_id from fill_members where provider_id is not null)
) p using (provider_id)
order by f.member_index
