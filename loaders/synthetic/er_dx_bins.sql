-- Sampling table for ER primary diagnoses: for each calendar month and pool, 1,000 equal-probability
-- bins over the scenario's diagnosis weights × that month's seasonal factor (respiratory, injury).
-- Pool "avoidable" holds codes whose NYU/Johnston non-emergent + primary-care-treatable probability
-- is at least 0.6; a visit first draws its pool (company and age shift the odds), then a bin.
-- grain: one row per month_of_year, pool and bin
with weighted as (
  select
    s.month_of_year
    , d.icd10
    , case when coalesce(j.noner, 0) + coalesce(j.epct, 0) >= 0.6 then 'avoidable' else 'other' end as pool
    , d.weight * case d."group" when 'respiratory' then s.respiratory when 'injury' then s.injury else 1 end as w
  from er_diagnoses d
  left join ed_classification j on j.icd10 = d.icd10
  cross join season s
)
, cumulative as (
  select
    *
    , sum(w) over (partition by month_of_year, pool order by icd10 rows unbounded preceding) as hi
    , sum(w) over (partition by month_of_year, pool) as total
  from weighted
)
, bins as (
  select month_of_year, pool, unnest(range(1000)) as bin from (select distinct month_of_year, pool from weighted)
)
select b.month_of_year, b.pool, b.bin, min(c.icd10 order by c.hi) as icd10
from bins b
join cumulative c
  on c.month_of_year = b.month_of_year and c.pool = b.pool and c.hi / c.total > (b.bin + 0.5) / 1000
group by b.month_of_year, b.pool, b.bin
order by b.month_of_year, b.pool, b.bin
