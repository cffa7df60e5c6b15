-- C01 Breast Cancer Screening: women 52–74 on December 31; continuous enrolment October 1 two
-- years before through the measurement year; compliant with a mammogram from October 1 two years
-- before to the end of the period (27 months; prior screening history counts).
-- Exclusions: hospice, death, bilateral mastectomy (or left and right) any time, palliative care,
-- 66+ with frailty and advanced illness.
-- grain: one row per member_id and measurement_year
with pop as (
  select * from stars_member_years where sex = 'F' and age between 52 and 74
)
, facts as (
  select
    p.member_id, p.measurement_year
    , max(v.service_date) filter (where v.value_set = 'mammography'
        and v.service_date >= make_date(p.measurement_year - 2, 10, 1)) as last_mammogram
    , bool_or(v.value_set = 'bilateral_mastectomy') as bilateral
    , bool_or(v.value_set = 'mastectomy_left') and bool_or(v.value_set = 'mastectomy_right') as both_sides
  from pop p
  join stars_events v on v.member_id = p.member_id and v.service_date <= p.period_end
    and v.value_set in ('mammography', 'bilateral_mastectomy', 'mastectomy_left', 'mastectomy_right')
  group by all
)
select
  p.member_id, p.measurement_year, 'bcs' as measure_key
  , p.ce_year and p.ce_prior_year
    and stars_ce(p.member_id, make_date(p.measurement_year - 2, 10, 1), make_date(p.measurement_year - 2, 12, 31), 0)
    as in_denominator
  , case
      when p.hospice then 'hospice'
      when p.died then 'death'
      when f.bilateral or f.both_sides then 'bilateral mastectomy'
      when p.palliative then 'palliative care'
      when p.age >= 66 and p.frailty_advanced_illness then 'frailty and advanced illness'
    end as exclusion_reason
  , f.last_mammogram is not null as compliant
  , f.last_mammogram as last_event_date
from pop p
left join facts f using (member_id, measurement_year)
