-- Share of ER diagnosis weight in the avoidable pool, by calendar month.
-- grain: one row per month_of_year
with weighted as (
  select
    s.month_of_year
    , coalesce(j.noner, 0) + coalesce(j.epct, 0) >= 0.6 as avoidable
    , d.weight * case d."group" when 'respiratory' then s.respiratory when 'injury' then s.injury else 1 end as w
  from er_diagnoses d
  left join ed_classification j on j.icd10 = d.icd10
  cross join season s
)
select month_of_year, sum(w) filter (where avoidable) / sum(w) as avoidable_share
from weighted
group by month_of_year
order by month_of_year
