-- The generated (or loaded) data's headline rates next to published benchmark ranges, per line
-- of business, over the last 12 complete months of exposure. Ranges and sources are in
-- data/reference/benchmarks.csv.
-- grain: one row per line_of_business and metric
with window_months as (
  select distinct year_month from member_months order by year_month desc limit 12
)
, totals as (
  select
    o.line_of_business
    , sum(o.member_months) as member_months
    , sum(o.er_visits) as er_visits
    , sum(o.admissions) as admissions
    , sum(o.claims) as claims
    , sum(o.medical_paid) as medical_paid
    , sum(o.pharmacy_paid) as pharmacy_paid
    , sum(o.fills) as fills
  from data_overview_monthly o
  where o.year_month in (select year_month from window_months)
  group by all
)
, er_admitted as (
  select m.line_of_business
    , count(distinct e.member_id || e.service_date) as er_visits
    , count(distinct e.member_id || e.service_date) filter (where i.member_id is not null) as er_admitted
  from medical_claims e
  join members m using (member_id)
  left join medical_claims i
    on i.member_id = e.member_id and i.service_category = 'inpatient' and i.service_date = e.service_date and i.claim_status = 'paid'
  where e.service_category = 'emergency_department' and e.claim_status = 'paid'
    and strftime(e.service_date, '%Y-%m') in (select year_month from window_months)
  group by all
)
, measured as (
  select line_of_business, 'er_visits_per_1000' as metric, er_visits * 12000.0 / member_months as value from totals
  union all select line_of_business, 'admissions_per_1000', admissions * 12000.0 / member_months from totals
  union all select line_of_business, 'medical_claims_per_member_year', claims * 12.0 / member_months from totals
  union all select line_of_business, 'total_pmpm', (medical_paid + pharmacy_paid) / member_months from totals
  union all select line_of_business, 'pharmacy_pmpm', pharmacy_paid / member_months from totals
  union all select line_of_business, 'fills_per_member_year', fills * 12.0 / member_months from totals
  union all select line_of_business, 'er_admitted_share', er_admitted * 1.0 / nullif(er_visits, 0) from er_admitted
)
select
  m.line_of_business
  , m.metric
  , round(m.value, 4) as value
  , b.low
  , b.high
  , m.value between b.low and b.high as within_range
  , b.source
from measured m
left join benchmarks b using (line_of_business, metric)
order by m.line_of_business, m.metric
