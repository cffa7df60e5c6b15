-- ER visits of the care population, one per claim. A visit is avoidable when the NYU shares of its
-- primary diagnosis, noner + epct + edcnpa, sum to at least 0.5 (unclassified diagnoses are not
-- avoidable); it is admitted when the claim says so or an inpatient stay starts that day or the next.
-- grain: one row per member_id and claim_id
with visits as (
  select l.member_id, l.claim_id, min(l.service_date) as visit_date
    , arg_min(l.diagnosis_code_1, l.claim_line_number) as diagnosis_code_1
    , bool_or(coalesce(l.admitted, false)) as admitted_flag
  from stars_medical_lines l
  join care_population p using (member_id)
  where l.service_category = 'emergency_department' or l.place_of_service_code = '23' or l.er_visit
  group by l.member_id, l.claim_id
)
select v.member_id, v.claim_id, v.visit_date, v.diagnosis_code_1
  , e.avoidable_share
  , coalesce(e.avoidable_share >= 0.5, false) as avoidable
  , v.admitted_flag or exists (
      select 1 from stars_stays s
      where s.member_id = v.member_id and s.admission_date between v.visit_date and v.visit_date + 1
    ) as admitted
from visits v
left join care_ed_classification e on e.icd10 = v.diagnosis_code_1
