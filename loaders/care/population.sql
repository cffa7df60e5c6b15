-- Members a caretaker can work: Medicare Advantage members (the star-measure population).
-- grain: one row per member_id
select member_id, contract_id, birth_date, sex, coalesce(region, 'Unknown') as region
  , coalesce(dual_eligible, false) or coalesce(low_income_subsidy, false) as low_income, death_date
from members
where line_of_business = 'medicare_advantage'
