-- Inpatient stays of the care population (direct transfers merged); unplanned unless the first
-- claim is an elective admission.
-- grain: one row per member_id and admission_date
select s.member_id, s.admission_date, s.discharge_date, s.principal_dx
  , coalesce(s.procedure_category, '') <> 'elective_admission' as unplanned
from stars_stays s
join care_population p using (member_id)
