-- The members table of the input contract, projected from the synthetic people.
-- grain: one row per member_id
select
  member_id, subscriber_id, line_of_business, company_id, contract_id, birth_date, sex, region, town
  , network_tier, dual_eligible, low_income_subsidy, death_date
from people
