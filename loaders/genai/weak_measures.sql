-- grain: one row per contract and weak measure, ordered by contract and measure
select contract_id
  , measure_key
  , coalesce(measure_name, measure_key) as measure_name
  , cast(weight as double) as weight
  , cast(members_needed as double) as members_needed
  , cast(overall_star_effect as double) as overall_star_effect
  , cast(dollar_effect as double) as dollar_effect
from weak_measures
order by contract_id, measure_key
