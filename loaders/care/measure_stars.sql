-- 2026 weights and cut points of the claims-based measures (data/care/measure_stars_2026.csv).
-- grain: one row per measure_id
select measure_id, weight::integer as weight, direction
  , cut_2::integer as cut_2, cut_3::integer as cut_3, cut_4::integer as cut_4, cut_5::integer as cut_5
from read_csv(getvariable('care_measure_stars_csv'), header = true)
