-- Acute inpatient stays, direct transfers merged: a stay admitted on or the day after the previous
-- discharge continues it (HEDIS direct-transfer rule), keeping the first admission and the last
-- discharge. The principal diagnosis and category are the first stay's.
-- grain: one row per member_id and admission_date
with lines as (
  select member_id, claim_id, min(service_date) as admission_date
    , max(coalesce(discharge_date, service_date)) as discharge_date
    , arg_min(diagnosis_code_1, claim_line_number) as diagnosis_code_1
    , arg_min(procedure_category, claim_line_number) as procedure_category
  from stars_medical_lines
  where service_category = 'inpatient'
  group by member_id, claim_id
)
, flagged as (
  select *
    , case when admission_date <= max(discharge_date) over (partition by member_id order by admission_date, claim_id
        rows between unbounded preceding and 1 preceding) + 1 then 0 else 1 end as starts_stay
  from lines
)
, numbered as (
  select *, sum(starts_stay) over (partition by member_id order by admission_date, claim_id rows unbounded preceding) as stay_no
  from flagged
)
select
  member_id
  , min(admission_date) as admission_date
  , max(discharge_date) as discharge_date
  , arg_min(diagnosis_code_1, admission_date) as principal_dx
  , arg_min(procedure_category, admission_date) as procedure_category
  , arg_min(claim_id, admission_date) as claim_id
  , count(*) as claims
from numbered
group by member_id, stay_no
