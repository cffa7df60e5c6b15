-- Member-level results of every claims-based measure: the care gaps. A row is a member in the
-- measure's eligible population; in_denominator says whether enrolment (and, for adherence, the
-- fill count and treatment period) qualify; gap_open = in denominator, not excluded, not compliant.
-- Event measures (PCR, FMC) carry their counts in denominator_events / numerator_events; member
-- measures have 1/1 or 1/0 there.
-- grain: one row per member_id, measure_key and measurement_year
with results as (
  select * from stars_m_bcs
  union all by name select * from stars_m_col
  union all by name select * from stars_m_cbp
  union all by name select * from stars_m_diabetes_care
  union all by name select * from stars_m_spc
  union all by name select * from stars_m_omw
  union all by name select * from stars_m_pcr
  union all by name select * from stars_m_fmc
  union all by name select * from stars_m_pdc
  union all by name select * from stars_m_supd
)
select
  y.contract_id
  , r.member_id
  , r.measure_key
  , c.measure_id
  , r.measurement_year
  , coalesce(r.in_denominator, false) as in_denominator
  , r.exclusion_reason is not null as excluded
  , r.exclusion_reason
  , coalesce(r.compliant, false) as compliant
  , coalesce(r.in_denominator, false) and r.exclusion_reason is null and not coalesce(r.compliant, false) as gap_open
  , coalesce(r.due_date, y.due_date) as due_date
  , c.closing_action
  , r.last_event_date::date as last_event_date
  , coalesce(r.denominator_events, 1)::integer as denominator_events
  , coalesce(r.numerator_events, case when coalesce(r.compliant, false) then 1 else 0 end)::integer as numerator_events
  , r.pdc::double as pdc
  , r.days_covered::integer as days_covered
  , r.days_in_period::integer as days_in_period
  , r.days_supply_remaining::integer as days_supply_remaining
  , y.is_complete as complete_year
from results r
join stars_member_years y using (member_id, measurement_year)
join stars_claims_measures c using (measure_key)
