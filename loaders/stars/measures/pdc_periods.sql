-- Adherence treatment periods (PQA): from the first fill of the class in the year (index
-- prescription start date, IPSD) to the end of the period, disenrolment (the day before the next
-- enrolment gap) or death, whichever is first. fill_dates counts distinct fill dates within it.
-- grain: one row per member_id, measurement_year and pdc_class
with firsts as (
  select member_id, measurement_year, pdc_class, min(fill_date) as ipsd from stars_pdc_fills group by all
)
, periods as (
  select f.*
    , least(p.period_end, coalesce(p.death_date, p.period_end)
        , coalesce((select min(g.gap_start) from stars_coverage_gaps g
            where g.member_id = f.member_id and g.gap_start > f.ipsd) - interval 1 day, p.period_end))::date as treatment_end
  from firsts f
  join stars_member_years p using (member_id, measurement_year)
)
select p.*
  , (select count(distinct x.fill_date) from stars_pdc_fills x where x.member_id = p.member_id
      and x.measurement_year = p.measurement_year and x.pdc_class = p.pdc_class and x.fill_date <= p.treatment_end)
    as fill_dates
from periods p
