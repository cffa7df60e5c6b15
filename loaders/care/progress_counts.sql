-- Per own contract and claims measure in the current year: the score's denominator and numerator
-- (from contract_measure_rates), the open gaps that can still close (due on or after the as-of
-- date), the gaps whose deadline has passed, and the closed gaps (from member_measures).
-- grain: one row per contract_id and measure_id
with gaps as (
  select m.contract_id, m.measure_id, any_value(m.measure_key) as measure_key
    , count(*) filter (where m.gap_open and m.due_date >= y.as_of) as open_gaps
    , count(*) filter (where m.gap_open and m.due_date < y.as_of) as missed_gaps
    , count(*) filter (where m.compliant and m.in_denominator and not m.excluded) as closed_gaps
  from member_measures m
  join care_current_year y on m.measurement_year = y.measurement_year
  group by all
)
select r.contract_id, r.measure_id, g.measure_key, c.measure_name, s.weight, s.direction
  , s.cut_2, s.cut_3, s.cut_4, s.cut_5, s.precision
  , r.denominator::integer as denominator, r.numerator::integer as numerator
  , coalesce(g.open_gaps, 0)::integer as open_gaps, coalesce(g.missed_gaps, 0)::integer as missed_gaps
  , coalesce(g.closed_gaps, 0)::integer as closed_gaps
from contract_measure_rates r
join care_current_year y on r.measurement_year = y.measurement_year
join care_measure_stars s on s.measure_id = r.measure_id
left join gaps g on g.contract_id = r.contract_id and g.measure_id = r.measure_id
left join stars_claims_measures c on c.measure_id = r.measure_id
where r.source = 'claims' and r.denominator > 0
