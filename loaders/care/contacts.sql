-- Primary-care contacts: office, telehealth, wellness and transitional-care visits (not ER,
-- inpatient, laboratory or imaging).
-- grain: one row per member_id and contact_date
select l.member_id, l.service_date as contact_date
from stars_medical_lines l
join care_population p using (member_id)
where l.service_category in ('office_visit', 'telehealth', 'preventive')
  and coalesce(l.procedure_category, '') not in ('flu_vaccine', 'mammogram', 'dental')
group by l.member_id, l.service_date
