-- 2026 weights and cut points of the measures, taken from the star engine's table
-- stars_cut_points_2026 (loaders/stars/national_step.ts): Part C measures from the `all` pool, Part D
-- measures from the MA-PD pool, as the care contracts are MA-PD.
-- grain: one row per measure_id
select cms_id as measure_id, weight, direction, precision
  , t2::integer as cut_2, t3::integer as cut_3, t4::integer as cut_4, t5::integer as cut_5
from stars_cut_points_2026
where pool = case when part = 'D' then 'MA-PD' else 'all' end
