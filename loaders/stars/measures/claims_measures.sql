-- The claims-based measures: what the project adds (data/stars/claims_measures.csv: unit counted,
-- member or event, and what closes a gap) joined by stable key to the one measure catalogue
-- (data/reference/stars/measures.csv, Star year 2026) for the CMS ID, name, Part and direction.
-- grain: one row per measure_key
select m.measure_key, c.cms_id as measure_id, c.name as measure_name, c.part, m.unit, c.direction
  , m.closing_action
from read_csv(getvariable('stars_claims_measures_csv'), header = true, all_varchar = true) m
left join read_csv(getvariable('stars_catalogue_csv'), header = true, all_varchar = true) c
  on c.key = m.measure_key and c.star_year = '2026'
