-- Company-month raw counts and amounts, before credibility weighting and scoring: exposure
-- (member-months, any-overlap rule), paid claims and fills, net paid/allowed (reversals net out,
-- rejected lines excluded), admissions (member-days with a net inpatient stay), ER visits from
-- company_er_visits with both avoidable-ER definitions, first-contact care (office, telehealth,
-- urgent care member-days) and chronic load from member_conditions. Claims and visits count in the
-- company the member belonged to in the service month; months without coverage are dropped.
-- grain: one row per company_id and year_month
with mm as (
  select member_id, year_month, company_id
  from member_months
  where company_id is not null
)
, exposure as (
  select company_id, year_month, count(*) as member_months
  from mm
  group by all
)
, chronic as (
  select member_id, count(distinct condition) as conditions
  from member_conditions
  group by member_id
)
, burden as (
  select mm.company_id, mm.year_month
    , count(*) filter (where ch.conditions > 0) as chronic_member_months
    , coalesce(sum(ch.conditions), 0) as condition_months
  from mm
  left join chronic ch using (member_id)
  group by all
)
, med as (
  select mm.company_id, mm.year_month
    , count(distinct c.claim_id) filter (where coalesce(c.claim_status, 'paid') = 'paid') as medical_claims
    , coalesce(sum(c.paid_amount) filter (where c.claim_status is distinct from 'rejected'), 0) as medical_paid
    , coalesce(sum(c.allowed_amount) filter (where c.claim_status is distinct from 'rejected'), 0) as medical_allowed
  from medical_claims c
  join mm on mm.member_id = c.member_id and mm.year_month = strftime(c.service_date, '%Y-%m')
  group by all
)
, rx as (
  select mm.company_id, mm.year_month
    , count(*) filter (where coalesce(r.claim_status, 'paid') = 'paid') as fills
    , coalesce(sum(r.paid_amount) filter (where r.claim_status is distinct from 'rejected'), 0) as pharmacy_paid
    , coalesce(sum(r.allowed_amount) filter (where r.claim_status is distinct from 'rejected'), 0) as pharmacy_allowed
  from pharmacy_claims r
  join mm on mm.member_id = r.member_id and mm.year_month = strftime(r.dispensing_date, '%Y-%m')
  group by all
)
, member_days as (
  select member_id, service_date, service_category
  from medical_claims
  where service_category in ('inpatient', 'office_visit', 'telehealth', 'urgent_care')
  group by all
  having count(*) filter (where coalesce(claim_status, 'paid') = 'paid')
    > count(*) filter (where claim_status = 'reversed')
)
, contacts as (
  select mm.company_id, mm.year_month
    , count(*) filter (where d.service_category = 'inpatient') as admissions
    , count(*) filter (where d.service_category = 'office_visit') as office_visits
    , count(*) filter (where d.service_category = 'telehealth') as telehealth_visits
    , count(*) filter (where d.service_category = 'urgent_care') as urgent_care_visits
  from member_days d
  join mm on mm.member_id = d.member_id and mm.year_month = strftime(d.service_date, '%Y-%m')
  group by all
)
, er as (
  select company_id, year_month
    , count(*) as er_visits
    , count(*) filter (where admitted) as er_admitted
    , sum(paid) as er_paid
    , count(*) filter (where not admitted) as avoidable_er_visits_proxy
    , coalesce(sum(paid) filter (where not admitted), 0) as avoidable_er_paid_proxy
    , sum(avoidable_probability) as avoidable_er_visits_nyu
    , sum(avoidable_probability * paid) as avoidable_er_paid_nyu
    , count(*) filter (where not classified) as er_unclassified
  from company_er_visits
  group by all
)
select
  e.company_id
  , e.year_month
  , e.member_months::integer as member_months
  , (coalesce(med.medical_claims, 0) + coalesce(rx.fills, 0))::integer as claims
  , coalesce(med.medical_claims, 0)::integer as medical_claims
  , coalesce(rx.fills, 0)::integer as pharmacy_fills
  , round(coalesce(med.medical_paid, 0) + coalesce(rx.pharmacy_paid, 0), 2) as paid
  , round(coalesce(med.medical_paid, 0), 2) as medical_paid
  , round(coalesce(rx.pharmacy_paid, 0), 2) as pharmacy_paid
  , round(coalesce(med.medical_allowed, 0) + coalesce(rx.pharmacy_allowed, 0), 2) as allowed
  , coalesce(ct.admissions, 0)::integer as admissions
  , coalesce(ct.office_visits, 0)::integer as office_visits
  , coalesce(ct.telehealth_visits, 0)::integer as telehealth_visits
  , coalesce(ct.urgent_care_visits, 0)::integer as urgent_care_visits
  , coalesce(er.er_visits, 0)::integer as er_visits
  , coalesce(er.er_admitted, 0)::integer as er_admitted
  , round(coalesce(er.er_paid, 0), 2) as er_paid
  , coalesce(er.avoidable_er_visits_proxy, 0)::integer as avoidable_er_visits_proxy
  , round(coalesce(er.avoidable_er_paid_proxy, 0), 2) as avoidable_er_paid_proxy
  , round(coalesce(er.avoidable_er_visits_nyu, 0), 6) as avoidable_er_visits_nyu
  , round(coalesce(er.avoidable_er_paid_nyu, 0), 2) as avoidable_er_paid_nyu
  , coalesce(er.er_unclassified, 0)::integer as er_unclassified
  , b.chronic_member_months::integer as chronic_member_months
  , b.condition_months::integer as condition_months
from exposure e
join burden b using (company_id, year_month)
left join med using (company_id, year_month)
left join rx using (company_id, year_month)
left join contacts ct using (company_id, year_month)
left join er using (company_id, year_month)
order by e.company_id, e.year_month
