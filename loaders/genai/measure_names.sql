-- grain: one row per measure key of the 2026 catalogue: its name
select key as measure_key, name as measure_name
from stars_catalogue_2026
order by key
