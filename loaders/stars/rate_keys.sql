-- Gives the contract-level scenario rows of contract_measure_rates their stable measure key (claims rows
-- already carry one), from the 2026 catalogue by CMS measure ID, so that every row is keyed the same way.
-- grain: unchanged, one row per contract_id, measure_id and measurement_year
update contract_measure_rates r
set measure_key = c.key
from stars_catalogue_2026 c
where r.measure_key is null and c.cms_id = r.measure_id
