-- Monthly totals by line of business for the data overview page: exposure, claims, ER visits,
-- admissions, paid amounts and fills. Claims count once per claim_id among paid claims; ER
-- visits and admissions count distinct member-days. Counts are INTEGER (pages read them as numbers).
-- Claims and fills group by their month's first day (a date, cheap to hash) and join the
-- member-months on it.
-- grain: one row per line_of_business and year_month
with mm as (
  select line_of_business, year_month, month_start, count(*) as member_months
  from member_months
  group by all
)
, med as (
  select
    m.line_of_business
    , date_trunc('month', c.service_date)::date as month_start
    , count(distinct c.claim_id) filter (where c.claim_status = 'paid') as claims
    , count(distinct (c.member_id, c.service_date)) filter (where c.claim_status = 'paid' and c.service_category = 'emergency_department') as er_visits
    , count(distinct (c.member_id, c.service_date)) filter (where c.claim_status = 'paid' and c.service_category = 'inpatient') as admissions
    , sum(c.paid_amount) filter (where c.claim_status <> 'rejected') as medical_paid
  from medical_claims c
  join members m using (member_id)
  group by all
)
, rx as (
  select
    m.line_of_business
    , date_trunc('month', r.dispensing_date)::date as month_start
    , count(*) filter (where r.claim_status = 'paid') as fills
    , sum(r.paid_amount) filter (where r.claim_status <> 'rejected') as pharmacy_paid
  from pharmacy_claims r
  join members m using (member_id)
  group by all
)
select
  mm.line_of_business
  , mm.year_month
  , mm.member_months::integer as member_months
  , coalesce(med.claims, 0)::integer as claims
  , coalesce(med.er_visits, 0)::integer as er_visits
  , coalesce(med.admissions, 0)::integer as admissions
  , round(coalesce(med.medical_paid, 0), 2) as medical_paid
  , coalesce(rx.fills, 0)::integer as fills
  , round(coalesce(rx.pharmacy_paid, 0), 2) as pharmacy_paid
from mm
left join med using (line_of_business, month_start)
left join rx using (line_of_business, month_start)
order by mm.line_of_business, mm.year_month
