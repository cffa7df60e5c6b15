-- Inpatient stays in member order: the admission id and the provider key (the ER visit's id, or the
-- admission's own) after the member id, admission and discharge days, diagnosis and source.
-- grain: one row per admission_id
select
  c.member_index
  , substr(a.admission_id, length(a.member_id) + 1) as suffix
  , substr(coalesce(a.visit_id, a.admission_id), length(a.member_id) + 1) as key_suffix
  , (a.admission_date::date - date '1970-01-01')::integer as admission_day
  , (a.discharge_date::date - date '1970-01-01')::integer as discharge_day
  , a.icd10
  , a.admission_source = 'emergency' as emergency
from admissions a
join claim_members c using (member_id)
order by c.member_index, a.admission_id
