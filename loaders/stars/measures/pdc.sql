-- D08/D09/D10 Medication Adherence (diabetes medications, RAS antagonists, statins): members 18+
-- with at least two fills of the class on different dates and a treatment period of at least 91
-- days (stars_pdc_periods), adherent when the proportion of days covered is at least 80%.
-- Exclusions: hospice, ESRD/dialysis in the year, an insulin fill in the treatment period (D08),
-- a sacubitril/valsartan fill in the year (D09), inpatient stays over the whole period.
-- grain: one row per member_id, measurement_year and measure_key
with excl as (
  select p.member_id, p.measurement_year, p.pdc_class
    , bool_or(v.value_set = 'esrd' and v.service_date >= y.period_start) as esrd
    , bool_or(p.pdc_class = 'diabetes' and f.drug_class = 'insulin' and f.dispensing_date between p.ipsd and p.treatment_end)
      as insulin
    , bool_or(p.pdc_class = 'ras' and list_contains(f.ingredients, 'sacubitril') and f.dispensing_date >= y.period_start)
      as sacubitril
  from stars_pdc_periods p
  join stars_member_years y using (member_id, measurement_year)
  left join stars_events v on v.member_id = p.member_id and v.value_set = 'esrd' and v.service_date <= y.period_end
  left join stars_fills f on f.member_id = p.member_id and f.dispensing_date <= y.period_end
    and (f.drug_class = 'insulin' or list_contains(f.ingredients, 'sacubitril'))
  group by all
)
select
  p.member_id, p.measurement_year, 'pdc_' || p.pdc_class as measure_key
  , y.age >= 18 and p.fill_dates >= 2 and datediff('day', p.ipsd, p.treatment_end) + 1 >= 91 as in_denominator
  , case
      when y.hospice then 'hospice'
      when e.esrd then 'ESRD or dialysis'
      when e.insulin then 'insulin fill'
      when e.sacubitril then 'sacubitril/valsartan fill'
      when d.days_in_period = 0 then 'inpatient for the whole treatment period'
    end as exclusion_reason
  , d.days_in_period > 0 and d.days_covered * 5 >= d.days_in_period * 4 as compliant
  , (select max(x.fill_date) from stars_pdc_fills x where x.member_id = p.member_id
      and x.measurement_year = p.measurement_year and x.pdc_class = p.pdc_class) as last_event_date
  , round(d.days_covered / nullif(d.days_in_period, 0), 4) as pdc
  , d.days_covered, d.days_in_period, d.days_supply_remaining
from stars_pdc_periods p
join stars_member_years y using (member_id, measurement_year)
join stars_pdc_days d using (member_id, measurement_year, pdc_class)
left join excl e using (member_id, measurement_year, pdc_class)
