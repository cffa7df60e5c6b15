-- C11 Eye Exam, C12 Blood Sugar Controlled, C13 Kidney Health Evaluation: members with diabetes
-- (stars_member_years.diabetes), 18–75 (KED 18–85) on December 31, continuously enrolled.
-- EED: an eye exam by an eye care professional in the year, or a negative exam in the year before
--   (or the CPT II code saying so this year).
-- GSD: the most recent HbA1c result of the year coded ≤ 9.0% (3044F/3051F/3052F); a result > 9.0%
--   (3046F) or no result is not controlled. The Stars score is 100 − the HEDIS poor-control rate,
--   i.e. this controlled rate.
-- KED: an eGFR and a uACR (a uACR test, or urine albumin and urine creatinine ≤ 4 days apart).
-- Exclusions: hospice, death, palliative care, 66+ frailty and advanced illness (KED: 66–80, and
-- frailty alone at 81+; ESRD any time).
-- grain: one row per member_id, measurement_year and measure_key
with pop as (
  select * from stars_member_years where diabetes and age between 18 and 85
)
, ev as (
  select p.member_id, p.measurement_year, v.value_set, v.service_date
  from pop p
  join stars_events v on v.member_id = p.member_id and v.service_date <= p.period_end
    and v.service_date >= p.period_start - interval 1 year
    and v.value_set in ('eye_exam', 'eye_exam_negative', 'eye_exam_negative_prior_year', 'hba1c_controlled'
      , 'hba1c_poor', 'egfr', 'uacr', 'urine_albumin', 'urine_creatinine')
)
, this_year as (
  select * from ev where year(service_date) = measurement_year
)
, eye as (
  select member_id, measurement_year, max(service_date) as last_date
  from ev
  where (value_set in ('eye_exam', 'eye_exam_negative_prior_year') and year(service_date) = measurement_year)
    or (value_set = 'eye_exam_negative' and year(service_date) = measurement_year - 1)
  group by all
)
, a1c as (
  -- the most recent result date; on that date the lowest reading counts
  select member_id, measurement_year, max(service_date) as last_date
    , arg_max(value_set, (service_date, value_set = 'hba1c_controlled')) = 'hba1c_controlled' as controlled
  from this_year where value_set in ('hba1c_controlled', 'hba1c_poor')
  group by all
)
, uacr_pairs as (
  select a.member_id, a.measurement_year, max(greatest(a.service_date, c.service_date)) as service_date
  from this_year a
  join this_year c on c.member_id = a.member_id and c.measurement_year = a.measurement_year
    and c.value_set = 'urine_creatinine' and abs(datediff('day', a.service_date, c.service_date)) <= 4
  where a.value_set = 'urine_albumin'
  group by all
)
, kidney as (
  select member_id, measurement_year
    , max(service_date) filter (where value_set = 'egfr') as egfr_date
    , max(service_date) filter (where value_set = 'uacr') as uacr_test_date
  from this_year
  group by all
)
, common as (
  select p.*
    , case when p.hospice then 'hospice' when p.died then 'death' when p.palliative then 'palliative care' end as common_reason
  from pop p
)
select
  p.member_id, p.measurement_year, 'eed' as measure_key, p.ce_year as in_denominator
  , coalesce(p.common_reason, case when p.age >= 66 and p.frailty_advanced_illness then 'frailty and advanced illness' end)
    as exclusion_reason
  , e.last_date is not null as compliant, e.last_date as last_event_date
from common p left join eye e using (member_id, measurement_year)
where p.age <= 75
union all
select
  p.member_id, p.measurement_year, 'gsd', p.ce_year
  , coalesce(p.common_reason, case when p.age >= 66 and p.frailty_advanced_illness then 'frailty and advanced illness' end)
  , coalesce(a.controlled, false), a.last_date
from common p left join a1c a using (member_id, measurement_year)
where p.age <= 75
union all
select
  p.member_id, p.measurement_year, 'ked', p.ce_year
  , coalesce(p.common_reason, case
      when p.esrd_history then 'ESRD or dialysis'
      when p.age between 66 and 80 and p.frailty_advanced_illness then 'frailty and advanced illness'
      when p.age >= 81 and p.frail then 'frailty (81 and older)'
    end)
  , k.egfr_date is not null and coalesce(k.uacr_test_date, u.service_date) is not null
  , greatest(k.egfr_date, k.uacr_test_date, u.service_date)
from common p
left join kidney k using (member_id, measurement_year)
left join uacr_pairs u using (member_id, measurement_year)
