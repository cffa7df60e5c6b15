-- Every inpatient stay: one per admitted ER visit (admission date = ER date) and one per elective
-- stay. Length of stay ~ 1 + Poisson, longer for MA members and with more conditions.
-- grain: one row per admission_id
select
  visit_id || '-I' as admission_id
  , member_id
  , is_commercial
  , region
  , visit_date as admission_date
  , visit_date + to_days((1 + rpois(los_lam, los_u))::integer) as discharge_date
  , icd10
  , 'emergency' as admission_source
  , visit_id
from (
  select *, case when is_commercial then 2.4 else 3.6 end + 0.2 * cc as los_lam, runif('er_los', visit_id, 0, 0) as los_u
  from er_visits
  where admitted
)
union all
select
  admission_id, member_id, is_commercial, region, admission_date
  , admission_date + to_days(los::integer) as discharge_date
  , icd10, admission_source, null as visit_id
from elective_admissions
