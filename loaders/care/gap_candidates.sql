-- Open gaps of the current measurement year that can still close (due on or after the as-of date;
-- a missed 7-day follow-up cannot be made up) plus adherence at risk: an adherence measure whose
-- PDC is below 85% with at most 14 days' supply left (it will fall below 80% without a refill).
-- grain: one row per member_id and measure_key
select m.contract_id, m.member_id, m.measure_key, m.measure_id, c.measure_name
  , strftime(m.due_date, '%Y-%m-%d') as due_date, m.closing_action
  , strftime(m.last_event_date, '%Y-%m-%d') as last_event_date
  , m.gap_open, m.pdc, m.days_supply_remaining
  , m.measure_key like 'pdc_%' and not m.excluded and m.in_denominator and m.pdc < 0.85
      and coalesce(m.days_supply_remaining, 0) <= 14 as adherence_at_risk
from member_measures m
join care_current_year y on m.measurement_year = y.measurement_year
left join stars_claims_measures c on c.measure_key = m.measure_key
where (m.gap_open and m.due_date >= y.as_of)
  or (m.measure_key like 'pdc_%' and not m.excluded and m.in_denominator and m.pdc < 0.85
      and coalesce(m.days_supply_remaining, 0) <= 14)
