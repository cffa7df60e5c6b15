-- grain: one problem per member row, valid otherwise, that lacks the group its line of business
-- needs: a company_id for commercial members, a contract_id for Medicare Advantage members.
insert into input_problems
select
  p.n
  , 1000
  , $company_column
  , null
  , 'commercial member without company_id'
  , 'a company_id when line_of_business is commercial'
from input_parsed as p
where p.line_of_business = 'commercial'
  and p.company_id is null
  and not exists (select 1 from input_problems as q where q.n = p.n)
union all
select
  p.n
  , 1001
  , $contract_column
  , null
  , 'Medicare Advantage member without contract_id'
  , 'a contract_id when line_of_business is medicare_advantage'
from input_parsed as p
where p.line_of_business = 'medicare_advantage'
  and p.contract_id is null
  and not exists (select 1 from input_problems as q where q.n = p.n)
