-- C19 Statin Therapy for Patients with Cardiovascular Disease: men 21–75 and women 40–75 on
-- December 31 with ASCVD: an MI discharge or a coronary revascularization in the year before, or
-- an IVD diagnosis in both the measurement year and the year before; continuously enrolled.
-- Compliant with a fill of a high- or moderate-intensity statin in the year.
-- Exclusions: hospice, death, pregnancy, ESRD/dialysis or cirrhosis (year or year before),
-- myalgia/myositis/myopathy/rhabdomyolysis (year), palliative care, 66+ frailty and advanced illness.
-- grain: one row per member_id and measurement_year
with pop as (
  select * from stars_member_years
  where (sex = 'M' and age between 21 and 75) or (sex = 'F' and age between 40 and 75)
)
, facts as (
  select p.member_id, p.measurement_year
    , bool_or(v.value_set = 'mi' and v.service_category = 'inpatient' and year(v.end_date) = p.measurement_year - 1)
      or bool_or(v.value_set = 'revascularization' and year(v.service_date) = p.measurement_year - 1) as event_prior_year
    , bool_or(v.value_set = 'ivd' and year(v.service_date) = p.measurement_year)
      and bool_or(v.value_set = 'ivd' and year(v.service_date) = p.measurement_year - 1) as ivd_both_years
    , bool_or(v.value_set = 'pregnancy') as pregnancy
    , bool_or(v.value_set in ('esrd', 'cirrhosis')) as esrd_cirrhosis
    , bool_or(v.value_set = 'muscular_pain_disease' and year(v.service_date) = p.measurement_year) as myopathy
  from pop p
  join stars_events v on v.member_id = p.member_id and v.service_date <= p.period_end
    and v.service_date >= p.period_start - interval 1 year
    and v.value_set in ('mi', 'revascularization', 'ivd', 'pregnancy', 'esrd', 'cirrhosis', 'muscular_pain_disease')
  group by all
)
, statin as (
  select p.member_id, p.measurement_year, max(f.dispensing_date) as last_fill
  from pop p
  join stars_fills f on f.member_id = p.member_id and f.drug_class = 'statin'
    and f.statin_intensity in ('high', 'moderate') and f.dispensing_date between p.period_start and p.period_end
  group by all
)
select
  p.member_id, p.measurement_year, 'spc' as measure_key, p.ce_year and p.ce_prior_year as in_denominator
  , case
      when p.hospice then 'hospice'
      when p.died then 'death'
      when f.pregnancy then 'pregnancy'
      when f.esrd_cirrhosis then 'ESRD, dialysis or cirrhosis'
      when f.myopathy then 'myalgia, myositis, myopathy or rhabdomyolysis'
      when p.palliative then 'palliative care'
      when p.age >= 66 and p.frailty_advanced_illness then 'frailty and advanced illness'
    end as exclusion_reason
  , s.last_fill is not null as compliant
  , s.last_fill as last_event_date
from pop p
join facts f using (member_id, measurement_year)
left join statin s using (member_id, measurement_year)
where f.event_prior_year or f.ivd_both_years
