-- Medicare Advantage member-years: who is enrolled in each measurement year, in which contract
-- (the span enrolled last in the period), age on December 31, continuous enrolment, and the
-- exclusions several measures share (hospice, death, palliative care, frailty, advanced illness,
-- diabetes identified from claims and fills).
-- grain: one row per member_id and measurement_year
with enrolled as (
  select
    e.member_id, y.measurement_year, y.period_start, y.period_end, y.due_date, y.is_complete
    , arg_max(coalesce(e.contract_id, m.contract_id), e.enrollment_end_date) as contract_id
    , any_value(m.sex) as sex, any_value(m.birth_date) as birth_date, any_value(m.death_date) as death_date
  from eligibility e
  join members m using (member_id)
  join stars_years y on e.enrollment_start_date <= y.period_end and e.enrollment_end_date >= y.period_start
  where m.line_of_business = 'medicare_advantage' and coalesce(e.contract_id, m.contract_id) is not null
  group by all
)
, facts as (
  select
    p.member_id, p.measurement_year
    , bool_or(v.value_set = 'hospice' and v.service_date between p.period_start and p.period_end) as hospice
    , bool_or(v.value_set = 'palliative' and v.service_date between p.period_start and p.period_end) as palliative
    , count(distinct v.service_date) filter (where v.value_set = 'frailty'
        and v.service_date between p.period_start and p.period_end) as frailty_dates
    , count(distinct v.service_date) filter (where v.value_set = 'advanced_illness'
        and v.service_date between p.period_start - interval 1 year and p.period_end) as advanced_illness_dates
    , bool_or(v.value_set = 'dementia_medication'
        and v.service_date between p.period_start - interval 1 year and p.period_end) as dementia_medication
    , count(distinct v.service_date) filter (where v.value_set = 'diabetes' and v.source = 'medical_claims'
        and v.service_date between p.period_start - interval 1 year and p.period_end) as diabetes_dx_dates
    , bool_or(v.value_set = 'esrd' and v.service_date <= p.period_end) as esrd_history
  from enrolled p
  join stars_events v on v.member_id = p.member_id and v.service_date <= p.period_end
    and v.value_set in ('hospice', 'palliative', 'frailty', 'advanced_illness', 'dementia_medication', 'diabetes', 'esrd')
  group by all
)
, diabetes_rx as (
  select distinct p.member_id, p.measurement_year
  from enrolled p
  join stars_fills f on f.member_id = p.member_id and f.drug_class in ('diabetes_oral', 'insulin')
    and f.dispensing_date between p.period_start - interval 1 year and p.period_end
)
select
  p.*
  , date_part('year', age(p.due_date, p.birth_date))::integer as age
  , p.death_date is not null and p.death_date <= p.period_end and p.death_date >= p.period_start as died
  , coalesce(f.hospice, false) as hospice
  , coalesce(f.palliative, false) as palliative
  , coalesce(f.frailty_dates, 0) >= 2 as frail
  , coalesce(f.frailty_dates, 0) >= 2
    and (coalesce(f.advanced_illness_dates, 0) >= 2 or coalesce(f.dementia_medication, false)) as frailty_advanced_illness
  , coalesce(f.esrd_history, false) as esrd_history
  -- HEDIS diabetes: two diabetes diagnoses on different dates, or a diabetes drug plus one diagnosis
  , coalesce(f.diabetes_dx_dates, 0) >= 2 or (coalesce(f.diabetes_dx_dates, 0) >= 1 and r.member_id is not null)
    as diabetes
  -- standard HEDIS continuous enrolment: the year to date with at most one gap of at most 45 days,
  -- enrolled on the last day
  , stars_ce(p.member_id, p.period_start, p.period_end, 45) and stars_enrolled_on(p.member_id, p.period_end) as ce_year
  , stars_ce(p.member_id, p.period_start - interval 1 year, p.period_start - interval 1 day, 45) as ce_prior_year
from enrolled p
left join facts f using (member_id, measurement_year)
left join diabetes_rx r using (member_id, measurement_year)
