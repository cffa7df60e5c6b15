-- Readmissions: after an index stay (an admitted ER visit or an elective stay), the member returns
-- through the ER and is admitted again 2-30 days after discharge with probability
--   p = base_lob + per_condition·cc,
-- within eligibility and the data window. One generation only (a readmission is not an index).
-- grain: one row per visit_id
with index_stays as (
  select visit_id as stay_id, member_id, is_commercial, region, cc, visit_date as admission_date
    , icd10, 1 + rpois(los_lam, los_u) as los
  from (
    select *, case when is_commercial then 2.4 else 3.6 end + 0.2 * cc as los_lam, runif('er_los', visit_id, 0, 0) as los_u
    from er_visits_base
    where admitted
  )
  union all
  select admission_id, member_id, is_commercial, region, cc, admission_date, icd10, los
  from elective_admissions
)
, returns as (
  select
    s.*
    , s.admission_date + to_days(s.los::integer) as discharge_date
    , discharge_date + to_days(2 + floor(runif('readmit_day', s.stay_id, 0, 0) * 29)::integer) as visit_date
  from index_stays s
  where runif('readmit', s.stay_id, 0, 0) < (case when s.is_commercial then getvariable('utilization__readmission_30d__commercial')
      else getvariable('utilization__readmission_30d__ma') end
    + getvariable('utilization__readmission_30d__per_condition') * s.cc)
)
select
  r.stay_id || '-R' as visit_id
  , r.member_id
  , r.is_commercial
  , r.region
  , x.age
  , r.cc
  , coalesce(cl.conditions, []) as conditions
  , r.visit_date
  , case when coalesce(j.noner, 0) + coalesce(j.epct, 0) >= 0.6 then 'avoidable' else 'other' end as pool
  , r.icd10
  , true as is_readmission
  , true as admitted
from returns r
join exposure x on x.member_id = r.member_id and x.month_start = date_trunc('month', r.visit_date)
left join ed_classification j on j.icd10 = r.icd10
left join condition_lists cl on cl.member_id = r.member_id
where r.visit_date <= x.last_day_eligible
