-- Member features at each prediction origin, from claims dated before the origin only, and the
-- outcome: an avoidable ER visit (not admitted) or an unplanned admission in [origin, origin + 3
-- months); null while that window is open. Members are those enrolled the day before the origin.
-- grain: one row per member_id and origin_date
with members_at as (
  select o.origin_date, o.labelled, p.member_id, p.contract_id, p.birth_date, p.sex, p.low_income
  from care_origins o
  join care_population p on p.death_date is null or p.death_date >= o.origin_date
  where exists (
    select 1 from eligibility e
    where e.member_id = p.member_id and o.origin_date - 1 between e.enrollment_start_date and e.enrollment_end_date
  )
)
, er as (
  select m.member_id, m.origin_date
    , count(*) filter (where v.visit_date >= m.origin_date - interval 3 month) as er_visits_3m
    , count(*) as er_visits_12m
    , count(*) filter (where v.avoidable and not v.admitted) as avoidable_er_12m
  from members_at m
  join care_er_visits v on v.member_id = m.member_id
    and v.visit_date < m.origin_date and v.visit_date >= m.origin_date - interval 12 month
  group by all
)
, ip as (
  select m.member_id, m.origin_date
    , count(*) filter (where s.unplanned) as admissions_12m
    , count(*) filter (where s.admission_date >= m.origin_date - interval 3 month) as admissions_3m
  from members_at m
  join care_stays s on s.member_id = m.member_id
    and s.admission_date < m.origin_date and s.admission_date >= m.origin_date - interval 12 month
  group by all
)
, dx as (
  select m.member_id, m.origin_date, count(distinct g.condition) as chronic_conditions
  from members_at m
  join stars_medical_lines l on l.member_id = m.member_id
    and l.service_date < m.origin_date and l.service_date >= m.origin_date - interval 24 month
  cross join lateral (
    select unnest(list_distinct([care_condition(l.diagnosis_code_1), care_condition(l.diagnosis_code_2)
      , care_condition(l.diagnosis_code_3)])) as condition
  ) g
  where g.condition is not null
  group by all
)
, pc as (
  select m.member_id, m.origin_date
    , count(*) as pcp_visits_12m
    , count(*) filter (where c.contact_date >= m.origin_date - interval 6 month) as pcp_visits_6m
  from members_at m
  join care_contacts c on c.member_id = m.member_id
    and c.contact_date < m.origin_date and c.contact_date >= m.origin_date - interval 12 month
  group by all
)
, rx_class as (
  select m.member_id, m.origin_date, f.drug_class
    , least(1.0, sum(f.days_supply) filter (where f.dispensing_date >= m.origin_date - 90) / 90.0) as coverage_90d
  from members_at m
  join stars_fills f on f.member_id = m.member_id
    and f.dispensing_date < m.origin_date and f.dispensing_date >= m.origin_date - interval 12 month
  where f.drug_class in ('diabetes_oral', 'ras_antagonist', 'statin', 'beta_blocker', 'antidepressant'
    , 'bronchodilator', 'insulin', 'osteoporosis')
  group by all
)
, rx as (
  select member_id, origin_date, count(*) as maintenance_classes
    , min(coalesce(coverage_90d, 0)) as rx_coverage_90d
  from rx_class group by all
)
, cost as (
  select m.member_id, m.origin_date, ln(1 + greatest(0, sum(round(l.paid_amount, 2)::decimal(18, 2))::double)) as log_paid_12m
  from members_at m
  join stars_medical_lines l on l.member_id = m.member_id
    and l.service_date < m.origin_date and l.service_date >= m.origin_date - interval 12 month
  group by all
)
, outcome as (
  select m.member_id, m.origin_date
    , exists (
        select 1 from care_er_visits v where v.member_id = m.member_id and v.avoidable and not v.admitted
          and v.visit_date >= m.origin_date and v.visit_date < m.origin_date + interval 3 month
      ) or exists (
        select 1 from care_stays s where s.member_id = m.member_id and s.unplanned
          and s.admission_date >= m.origin_date and s.admission_date < m.origin_date + interval 3 month
      ) as event
  from members_at m
)
select m.member_id, m.contract_id, m.origin_date
  , datediff('year', m.birth_date, m.origin_date)::double as age
  , (m.sex = 'F')::integer::double as female
  , m.low_income::integer::double as low_income
  , coalesce(er.er_visits_3m, 0)::double as er_visits_3m
  , coalesce(er.er_visits_12m, 0)::double as er_visits_12m
  , coalesce(er.avoidable_er_12m, 0)::double as avoidable_er_12m
  , coalesce(ip.admissions_3m, 0)::double as admissions_3m
  , coalesce(ip.admissions_12m, 0)::double as admissions_12m
  , coalesce(dx.chronic_conditions, 0)::double as chronic_conditions
  , coalesce(pc.pcp_visits_12m, 0)::double as pcp_visits_12m
  , (coalesce(pc.pcp_visits_6m, 0) = 0)::integer::double as no_pcp_visit_6m
  , coalesce(rx.maintenance_classes, 0)::double as maintenance_classes
  , coalesce(rx.rx_coverage_90d, 1)::double as rx_coverage_90d
  , coalesce(cost.log_paid_12m, 0)::double as log_paid_12m
  , case when m.labelled then o.event::integer end as event_next_3m
from members_at m
left join er using (member_id, origin_date)
left join ip using (member_id, origin_date)
left join dx using (member_id, origin_date)
left join pc using (member_id, origin_date)
left join rx using (member_id, origin_date)
left join cost using (member_id, origin_date)
join outcome o using (member_id, origin_date)
