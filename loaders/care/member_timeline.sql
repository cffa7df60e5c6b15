-- What a caretaker sees on a member's timeline for the last two years: ER visits, stays,
-- primary-care contacts, measure-relevant procedures and maintenance fills. Only scored members.
-- grain: one row per member_id, event_date, event_type and detail
with since as (select as_of - interval 24 month as d from care_current_year)
, events as (
  select member_id, visit_date as event_date, 'er_visit' as event_type
    , case when admitted then 'admitted' when avoidable then 'avoidable (NYU)' else 'emergent' end
      || coalesce(' · ' || diagnosis_code_1, '') as detail
  from care_er_visits
  union all
  select member_id, admission_date, 'admission', case when unplanned then 'unplanned' else 'planned' end
    || coalesce(' · ' || principal_dx, '')
  from care_stays
  union all
  select member_id, discharge_date, 'discharge', '' from care_stays
  union all
  select member_id, contact_date, 'primary_care', '' from care_contacts
  union all
  select l.member_id, l.service_date, 'procedure', l.procedure_category
  from stars_medical_lines l
  join care_population using (member_id)
  where l.procedure_category in ('mammogram', 'colonoscopy', 'fit_test', 'hba1c_test', 'egfr_test', 'uacr_test'
    , 'diabetic_eye_exam', 'bp_check_visit', 'annual_wellness_visit', 'medication_review', 'bone_density_scan')
  union all
  select f.member_id, f.dispensing_date, 'fill', f.drug_class || ' · ' || f.days_supply::varchar || ' days'
  from stars_fills f
  join care_population using (member_id)
  where f.drug_class in ('diabetes_oral', 'ras_antagonist', 'statin', 'insulin', 'osteoporosis')
)
select distinct e.member_id, strftime(e.event_date, '%Y-%m-%d') as event_date, e.event_type, e.detail
from events e
join care_member_scores s using (member_id)
where e.event_date >= (select d from since)
