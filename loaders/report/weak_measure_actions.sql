-- grain: one row per recommendation for a weak measure (`contract/measure`), with the star step's effect of
-- that measure's next star
select r.subject_id
  , w.contract_id
  , w.measure_key
  , w.measure_id
  , coalesce(g.name, w.measure_key) as measure_name
  , w.rank
  , w.members_to_next_star
  , w.stars_at_stake_per_100
  , w.value_after - w.value_before as value_gain
  , w.rating_before
  , w.rating_after
  , w.revenue_change_per_year
  , w.crosses_four_stars
  , r.actions
  , r.expected_effect
  , r.source
from recommendations r
join weak_measures w
  on r.subject_id = w.contract_id || '/' || w.measure_key
left join stars_catalogue_2026 g
  on g.key = w.measure_key
where r.subject_type = 'weak_measure'
order by w.contract_id, w.rank
