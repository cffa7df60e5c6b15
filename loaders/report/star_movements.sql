-- grain: one row per own contract and measure scored by the star step that has a rate in measurement year $1:
-- the scored star, the cut points it was scored with and the rate of year $1, to be starred with the same cut
-- points
select s.contract_id
  , s.measure_key
  , s.measure_id
  , coalesce(g.name, s.measure_key) as measure_name
  , s.measurement_year
  , s.score
  , s.star
  , s.direction
  , s.cut_2
  , s.cut_3
  , s.cut_4
  , s.cut_5
  , g.precision
  , r.rate::double as next_score
from contract_measure_stars s
join contract_measure_rates r
  on r.contract_id = s.contract_id
  and r.measure_key = s.measure_key
  and r.measurement_year = $1
left join stars_catalogue_2026 g
  on g.key = s.measure_key
where s.star is not null
  and r.rate is not null
  and s.cut_2 is not null
order by s.contract_id, s.measure_id
