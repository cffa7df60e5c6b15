-- Every measure's score for each of the plan's own contracts and measurement years: the claims
-- measures from member_measures (denominator and numerator in members, or in index stays / ED
-- visits for PCR and FMC; rate as CMS displays it, a whole percent), and the measures claims
-- cannot produce from the contract-level scenario input (source = scenario).
-- Star year = measurement year + 2. note says when BCS/COL had no prior screening history to look
-- back on.
-- grain: one row per contract_id, measure_id and measurement_year
with claims as (
  select
    contract_id, measure_id, measure_key, measurement_year
    , bool_and(complete_year) as complete_year
    , sum(denominator_events) filter (where in_denominator and not excluded)::integer as denominator
    , sum(numerator_events) filter (where in_denominator and not excluded)::integer as numerator
    , sum(denominator_events) filter (where in_denominator and excluded)::integer as exclusions
  from member_measures
  group by all
)
, contracts as (
  select distinct contract_id from stars_member_years
)
, scenario as (
  select s.*
  from read_csv(getvariable('stars_scenario_csv'), header = true
    , types = {'contract_id': 'varchar', 'measure_id': 'varchar', 'measurement_year': 'integer', 'score': 'double', 'precision': 'integer'}) s
  where s.contract_id in (select contract_id from contracts)
    and s.measurement_year in (select measurement_year from stars_years)
)
select
  c.contract_id, c.measure_id, c.measure_key, c.measurement_year, c.measurement_year + 2 as star_year
  , c.complete_year
  , coalesce(c.denominator, 0) as denominator, coalesce(c.numerator, 0) as numerator, coalesce(c.exclusions, 0) as exclusions
  , case when c.denominator > 0 then round(100.0 * c.numerator / c.denominator, 0) end as rate
  , 0 as precision
  , 'claims' as source
  , case when c.measure_key in ('bcs', 'col') and not exists (select 1 from screening_history)
      then 'no screening history: look-back limited to claims from ' || strftime(y.data_start, '%Y-%m-%d') end as note
from claims c
join stars_years y using (measurement_year)
union all
select
  s.contract_id, s.measure_id, null, s.measurement_year, s.measurement_year + 2, y.is_complete
  , null, null, null, round(s.score, s.precision), s.precision, 'scenario', 'contract-level scenario input'
from scenario s
join stars_years y using (measurement_year)
