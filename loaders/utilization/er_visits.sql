-- ER visits of employer-group members, the Tuva way: a line is an ER line when its revenue centre
-- is 0450/0451/0452/0459/0981, its HCPCS is 99281–99285 or G0380–G0384, its place of service is 23,
-- or the source marks it ER (service_category / er_visit flag); inpatient lines never are. Lines
-- of one member on one day are one visit (facility and professional claims of the same stay merge).
-- A visit counts while it has more paid than reversed lines (a reversal negates its claim); amounts
-- sum non-rejected lines, so reversals net out. The visit's primary diagnosis is diagnosis_code_1 of
-- its first institutional line, as Tuva reads the institutional claim. Admitted = an inpatient stay
-- that starts on the visit day or the next, or the source's admitted flag. NYU/Johnston
-- probabilities come from ed_classification on that diagnosis; an unknown code is unclassified.
-- grain: one row per member_id and service_date (one ER visit)
with er_lines as (
  -- institutional lines first, then claim and line number (a sortable text key)
  select c.*
    , (case when c.claim_type = 'institutional' then '0' else '1' end)
      || c.claim_id || '#' || lpad(c.claim_line_number::varchar, 6, '0') as line_order
  from medical_claims c
  where coalesce(c.service_category, '') <> 'inpatient'
    and (
      c.revenue_center_code in ('0450', '0451', '0452', '0459', '0981')
      or c.procedure_code in ('99281', '99282', '99283', '99284', '99285', 'G0380', 'G0381', 'G0382', 'G0383', 'G0384')
      or c.place_of_service_code = '23'
      or c.service_category = 'emergency_department'
      or coalesce(c.er_visit, false)
    )
)
, visits as (
  select
    member_id
    , service_date
    , arg_min(upper(replace(diagnosis_code_1, '.', '')), line_order)
        filter (where claim_status is distinct from 'rejected' and claim_status is distinct from 'reversed') as primary_dx
    , arg_min(provider_id, line_order)
        filter (where claim_status is distinct from 'rejected' and claim_status is distinct from 'reversed') as provider_id
    , count(*) filter (where coalesce(claim_status, 'paid') = 'paid') as paid_lines
    , count(*) filter (where claim_status = 'reversed') as reversed_lines
    , sum(paid_amount) filter (where claim_status is distinct from 'rejected') as paid
    , sum(allowed_amount) filter (where claim_status is distinct from 'rejected') as allowed
    , bool_or(coalesce(admitted, false)) filter (where claim_status is distinct from 'rejected') as admitted_flag
  from er_lines
  group by member_id, service_date
)
, stays as (
  select member_id, service_date as admission_date
  from medical_claims
  where service_category = 'inpatient'
  group by member_id, service_date
  having count(*) filter (where coalesce(claim_status, 'paid') = 'paid')
    > count(*) filter (where claim_status = 'reversed')
)
, admitted as (
  select v.member_id, v.service_date
  from visits v
  join stays s on s.member_id = v.member_id
    and s.admission_date between v.service_date and v.service_date + interval 1 day
  group by v.member_id, v.service_date
)
select
  v.member_id
  , v.service_date
  , strftime(v.service_date, '%Y-%m') as year_month
  , mm.company_id
  , v.provider_id
  , v.primary_dx
  , round(coalesce(v.paid, 0), 2) as paid
  , round(coalesce(v.allowed, 0), 2) as allowed
  , (a.member_id is not null or coalesce(v.admitted_flag, false)) as admitted
  , j.icd10 is not null as classified
  , coalesce(j.noner, 0) as noner
  , coalesce(j.epct, 0) as epct
  , coalesce(j.edcnpa, 0) as edcnpa
  , coalesce(j.edcnnpa, 0) as edcnnpa
  , coalesce(j.injury, 0) + coalesce(j.psych, 0) + coalesce(j.alcohol, 0) + coalesce(j.drug, 0) as special
  , coalesce(j.noner, 0) + coalesce(j.epct, 0) + coalesce(j.edcnpa, 0) as avoidable_probability
from visits v
join member_months mm
  on mm.member_id = v.member_id and mm.year_month = strftime(v.service_date, '%Y-%m')
left join admitted a on a.member_id = v.member_id and a.service_date = v.service_date
left join ed_classification j on j.icd10 = v.primary_dx
where v.paid_lines > v.reversed_lines
  and mm.company_id is not null
order by v.member_id, v.service_date
