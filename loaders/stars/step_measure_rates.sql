-- grain: one row per contract × measure of the scored measurement year: the one asked for ($1), or else the
-- latest measurement year in which every contract of contract_measure_rates has rates and that is among the
-- complete years ($2, comma-separated years; null when unknown)
with per_year as (
  select measurement_year, count(distinct contract_id) as contracts
  from contract_measure_rates
  group by measurement_year
)
, latest_complete as (
  select max(measurement_year) as measurement_year
  from per_year
  where contracts = (select count(distinct contract_id) from contract_measure_rates)
    and ($2::varchar is null or list_contains(string_split($2::varchar, ','), measurement_year::varchar))
)
select r.contract_id
  , r.measure_key
  , r.measure_id
  , r.measurement_year::integer as measurement_year
  , r.denominator::double as denominator
  , r.numerator::double as numerator
  , r.rate::double as rate
  , r.source
from contract_measure_rates r
where r.measurement_year = coalesce($1::integer, (select measurement_year from latest_complete))
order by r.contract_id, r.measure_key
