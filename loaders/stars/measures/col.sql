-- C02 Colorectal Cancer Screening: members 50–75 on December 31, continuously enrolled in the
-- measurement year and the year before; compliant with a FIT/FOBT in the year, a stool DNA-FIT in
-- the year or 2 before, a flexible sigmoidoscopy or CT colonography in the year or 4 before, or a
-- colonoscopy in the year or 9 before (prior screening history counts).
-- Exclusions: hospice, death, colorectal cancer or total colectomy any time, palliative care, 66+
-- with frailty and advanced illness.
-- grain: one row per member_id and measurement_year
with pop as (
  select * from stars_member_years where age between 50 and 75
)
, facts as (
  select
    p.member_id, p.measurement_year
    , max(v.service_date) filter (where
        (v.value_set = 'fobt' and year(v.service_date) = p.measurement_year)
        or (v.value_set = 'sdna_fit' and year(v.service_date) >= p.measurement_year - 2)
        or (v.value_set in ('flexible_sigmoidoscopy', 'ct_colonography') and year(v.service_date) >= p.measurement_year - 4)
        or (v.value_set = 'colonoscopy' and year(v.service_date) >= p.measurement_year - 9)) as last_screening
    , bool_or(v.value_set in ('colorectal_cancer', 'total_colectomy')) as cancer_or_colectomy
  from pop p
  join stars_events v on v.member_id = p.member_id and v.service_date <= p.period_end
    and v.value_set in ('fobt', 'sdna_fit', 'flexible_sigmoidoscopy', 'ct_colonography', 'colonoscopy'
      , 'colorectal_cancer', 'total_colectomy')
  group by all
)
select
  p.member_id, p.measurement_year, 'col' as measure_key
  , p.ce_year and p.ce_prior_year as in_denominator
  , case
      when p.hospice then 'hospice'
      when p.died then 'death'
      when f.cancer_or_colectomy then 'colorectal cancer or total colectomy'
      when p.palliative then 'palliative care'
      when p.age >= 66 and p.frailty_advanced_illness then 'frailty and advanced illness'
    end as exclusion_reason
  , f.last_screening is not null as compliant
  , f.last_screening as last_event_date
from pop p
left join facts f using (member_id, measurement_year)
