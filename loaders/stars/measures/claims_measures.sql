-- The claims-based measures' catalogue rows (data/stars/claims_measures.csv): stable key, 2026 CMS
-- ID, name, Part, unit counted (member or event), direction and what closes a gap.
-- grain: one row per measure_key
select * from read_csv(getvariable('stars_claims_measures_csv'), header = true, all_varchar = true)
