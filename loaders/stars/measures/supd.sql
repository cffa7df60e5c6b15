-- D12 Statin Use in Persons with Diabetes: members 40–75 on December 31 with two or more diabetes
-- drug fills (oral/non-insulin or insulin) on different dates in the year, the first at least 90
-- days before December 31, enrolled in the year with at most one gap of at most a month (31 days).
-- Compliant with a fill of any statin in the year.
-- Exclusions: hospice, ESRD/dialysis, rhabdomyolysis/myopathy, pregnancy, cirrhosis,
-- pre-diabetes, polycystic ovary syndrome (in the year).
-- grain: one row per member_id and measurement_year
with diabetic as (
  select p.member_id, p.measurement_year, min(f.dispensing_date) as ipsd, count(distinct f.dispensing_date) as fill_dates
  from stars_member_years p
  join stars_fills f on f.member_id = p.member_id and f.drug_class in ('diabetes_oral', 'insulin')
    and f.dispensing_date between p.period_start and p.period_end
  where p.age between 40 and 75
  group by all
)
, facts as (
  select d.member_id, d.measurement_year
    , arg_min(v.value_set, case v.value_set when 'esrd' then 1 when 'muscular_pain_disease' then 2
        when 'pregnancy' then 3 when 'cirrhosis' then 4 when 'prediabetes' then 5 else 6 end) as first_reason
  from diabetic d
  join stars_member_years p using (member_id, measurement_year)
  join stars_events v on v.member_id = d.member_id and v.service_date between p.period_start and p.period_end
    and v.value_set in ('esrd', 'muscular_pain_disease', 'pregnancy', 'cirrhosis', 'prediabetes', 'pcos')
  group by all
)
, statin as (
  select d.member_id, d.measurement_year, max(f.dispensing_date) as last_fill
  from diabetic d
  join stars_member_years p using (member_id, measurement_year)
  join stars_fills f on f.member_id = d.member_id and f.drug_class = 'statin'
    and f.dispensing_date between p.period_start and p.period_end
  group by all
)
select
  p.member_id, p.measurement_year, 'supd' as measure_key
  , d.fill_dates >= 2 and d.ipsd <= p.due_date - interval 90 day
    and stars_ce(p.member_id, p.period_start, p.period_end, 31) as in_denominator
  , case
      when p.hospice then 'hospice'
      else case x.first_reason
        when 'esrd' then 'ESRD or dialysis'
        when 'muscular_pain_disease' then 'rhabdomyolysis or myopathy'
        when 'pregnancy' then 'pregnancy'
        when 'cirrhosis' then 'cirrhosis'
        when 'prediabetes' then 'pre-diabetes'
        when 'pcos' then 'polycystic ovary syndrome'
      end
    end as exclusion_reason
  , s.last_fill is not null as compliant
  , s.last_fill as last_event_date
from diabetic d
join stars_member_years p using (member_id, measurement_year)
left join facts x using (member_id, measurement_year)
left join statin s using (member_id, measurement_year)
