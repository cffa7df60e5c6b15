-- C14 Controlling High Blood Pressure: members 18–85 on December 31 with essential hypertension
-- on two outpatient or telehealth visits on different dates between January 1 of the year before
-- and June 30 of the measurement year; continuously enrolled. Compliant when the most recent blood
-- pressure of the year, on or after the second hypertension diagnosis and not taken in an ED or
-- inpatient setting, is < 140 systolic and < 90 diastolic (lowest of each on that date; CPT II
-- 3074F/3075F, 3077F; 3078F/3079F, 3080F). No reading is not controlled.
-- Exclusions: hospice, death, ESRD/dialysis/kidney transplant any time, pregnancy in the year,
-- palliative care, 66–80 with frailty and advanced illness, 81+ with frailty.
-- grain: one row per member_id and measurement_year
with htn as (
  select p.member_id, p.measurement_year
    , (list(distinct v.service_date order by v.service_date))[2] as second_dx
  from stars_member_years p
  join stars_events v on v.member_id = p.member_id and v.value_set = 'essential_hypertension'
    and v.service_category in ('office_visit', 'telehealth', 'preventive')
    and v.service_date between p.period_start - interval 1 year and least(p.period_end, make_date(p.measurement_year, 6, 30))
  where p.age between 18 and 85
  group by all
  having count(distinct v.service_date) >= 2
)
, readings as (
  select h.member_id, h.measurement_year, v.service_date, v.value_set
  from htn h
  join stars_member_years p using (member_id, measurement_year)
  join stars_events v on v.member_id = h.member_id and v.service_date >= h.second_dx
    and v.service_date between p.period_start and p.period_end
    and v.service_category not in ('emergency_department', 'inpatient')
    and v.value_set in ('systolic_lt_140', 'systolic_ge_140', 'diastolic_lt_90', 'diastolic_ge_90')
)
, latest as (
  select r.member_id, r.measurement_year, r.service_date
    , bool_or(r.value_set = 'systolic_lt_140') as systolic_ok
    , bool_or(r.value_set = 'diastolic_lt_90') as diastolic_ok
  from readings r
  where r.service_date = (select max(x.service_date) from readings x
    where x.member_id = r.member_id and x.measurement_year = r.measurement_year)
  group by all
)
, pregnancy as (
  select distinct p.member_id, p.measurement_year
  from stars_member_years p
  join stars_events v on v.member_id = p.member_id and v.value_set = 'pregnancy'
    and v.service_date between p.period_start and p.period_end
)
select
  p.member_id, p.measurement_year, 'cbp' as measure_key, p.ce_year as in_denominator
  , case
      when p.hospice then 'hospice'
      when p.died then 'death'
      when p.esrd_history then 'ESRD or dialysis'
      when g.member_id is not null then 'pregnancy'
      when p.palliative then 'palliative care'
      when p.age between 66 and 80 and p.frailty_advanced_illness then 'frailty and advanced illness'
      when p.age >= 81 and p.frail then 'frailty (81 and older)'
    end as exclusion_reason
  , coalesce(l.systolic_ok and l.diastolic_ok, false) as compliant
  , l.service_date as last_event_date
from htn h
join stars_member_years p using (member_id, measurement_year)
left join latest l using (member_id, measurement_year)
left join pregnancy g using (member_id, measurement_year)
