-- grain: one row per own contract scored by the star step: its ratings, the money rows of star_money and the
-- forecast of next year's overall rating
select r.contract_id
  , coalesce(c.contract_name, r.contract_id) as contract_name
  , r.measurement_year
  , r.star_year
  , r.overall
  , r.part_c_summary
  , r.part_d_summary
  , r.highest_rating
  , r.overall_value
  , m.revenue_per_year
  , m.benchmark_pmpm
  , m.bid_pmpm
  , m.members
  , m.double_bonus_county_share
  , m.rating_up
  , m.change_up_per_year
  , f.star_year as forecast_star_year
  , f.forecast_overall
  , f.forecast_low
  , f.forecast_high
  , f.p_at_least_four
from contract_star_ratings r
left join star_money m
  on m.contract_id = r.contract_id
left join star_forecast f
  on f.contract_id = r.contract_id
left join contracts c
  on c.contract_id = r.contract_id
order by r.contract_id
