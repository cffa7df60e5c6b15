-- grain: one row per contract and weak measure with a member count (survey and administrative measures,
-- which no member outreach moves, are left out), ordered by contract and measure. Reads the star step's
-- `weak_measures`: the overall effect is the weighted summary value's change with that one star gained,
-- the dollar effect the revenue change per year.
select contract_id
  , measure_key
  , cast(weight as double) as weight
  , cast(members_to_next_star as double) as members_needed
  , round(cast(value_after - value_before as double), 4) as overall_star_effect
  , round(cast(revenue_change_per_year as double)) as dollar_effect
from weak_measures
where members_to_next_star is not null
order by contract_id, measure_key
