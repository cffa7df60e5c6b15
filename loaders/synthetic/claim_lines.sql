-- Medical claim lines before adjudication: ER visits (institutional, 1-3 lines), inpatient stays,
-- ambulatory events and their lab work, and the preventive/monitoring events.
-- Allowed amounts are lognormal with the scenario's median, log-sd and cap per line kind.
-- grain: one row per claim_id and claim_line_number
with er as not materialized (
  select
    v.*
    , 'CL' || v.visit_id as claim_id
    , v.conditions[1] as first_condition
  from er_visits v
)
, er_lines as (
  select claim_id, 1 as claim_line_number, member_id, region, 'hospital' as practice_type, visit_id as provider_key
    , 'institutional' as claim_type, 'emergency_department' as service_category, '23' as place_of_service_code
    , visit_date as service_date, null::date as discharge_date, icd10 as diagnosis_code_1, first_condition as condition_2
    , case when pool = 'avoidable' then case when runif('em', visit_id, 0, 0) < 0.6 then '99283' else '99284' end
        else case when runif('em', visit_id, 0, 0) < 0.55 then '99284' else '99285' end end as procedure_code
    , 'er_visit' as procedure_category, '0450' as revenue_center_code, true as er_visit, admitted
    , rcost('er_fac', visit_id, 1, 0, getvariable('costs__er_facility__median'), getvariable('costs__er_facility__sigma'), getvariable('costs__er_facility__cap')) as allowed_amount
    , is_commercial
  from er
  union all
  select claim_id, 2, member_id, region, 'hospital', visit_id, 'institutional', 'emergency_department', '23'
    , visit_date, null, icd10, first_condition, '80053', 'er_lab', '0300', true, admitted
    , rcost('er_lab', visit_id, 2, 0, getvariable('costs__er_ancillary__median'), getvariable('costs__er_ancillary__sigma'), getvariable('costs__er_ancillary__cap'))
    , is_commercial
  from er where runif('er_line2', visit_id, 0, 0) < 0.6
  union all
  select claim_id, 3, member_id, region, 'hospital', visit_id, 'institutional', 'emergency_department', '23'
    , visit_date, null, icd10, first_condition, '71046', 'er_imaging', '0320', true, admitted
    , rcost('er_img', visit_id, 3, 0, 1.5 * getvariable('costs__er_ancillary__median'), getvariable('costs__er_ancillary__sigma'), getvariable('costs__er_ancillary__cap'))
    , is_commercial
  from er where runif('er_line3', visit_id, 0, 0) < 0.45
)
, ip_lines as (
  select
    'CL' || a.admission_id as claim_id, 1 as claim_line_number, a.member_id, a.region, 'hospital' as practice_type
    , coalesce(a.visit_id, a.admission_id) as provider_key
    , 'institutional', 'inpatient', '21', a.admission_date, a.discharge_date, a.icd10, null
    , null, case a.admission_source when 'emergency' then 'emergency_admission' else 'elective_admission' end
    , '0120', false, null::boolean
    , round(least(getvariable('costs__inpatient_per_day__cap')
        , datediff('day', a.admission_date, a.discharge_date)
          * rcost('ip', a.admission_id, 1, 0, getvariable('costs__inpatient_per_day__median'), getvariable('costs__inpatient_per_day__sigma'), 1e9)), 2)
    , a.is_commercial
  from admissions a
)
, amb as not materialized (
  select
    e.*
    , 'CL' || e.event_id as claim_id
    , case kind
        when 'office_visit' then case when runif('amb_prac', event_id, 0, 0) < 0.7 then 'primary_care'
          when runif('amb_prac', event_id, 0, 0) < 0.88 then 'clinic' else 'polyclinic' end
        when 'specialist_visit' then 'specialist'
        when 'telehealth' then 'telehealth'
        when 'urgent_care' then 'urgent_care'
        when 'outpatient_procedure' then case when runif('amb_prac', event_id, 0, 0) < 0.6 then 'hospital' else 'polyclinic' end
        when 'imaging' then 'imaging'
        else 'dental'
      end as practice_type
    , case kind
        when 'office_visit' then 'office_visit' when 'specialist_visit' then 'office_visit'
        when 'telehealth' then 'telehealth' when 'urgent_care' then 'urgent_care'
        when 'outpatient_procedure' then 'outpatient' when 'imaging' then 'imaging' else 'dental'
      end as service_category
    , case kind
        when 'office_visit' then '11' when 'specialist_visit' then '11' when 'telehealth' then '10'
        when 'urgent_care' then '20' when 'dental' then '11' else '22'
      end as place_of_service_code
    , case kind
        when 'office_visit' then case when runif('amb_cpt', event_id, 0, 0) < 0.55 then '99213' else '99214' end
        when 'specialist_visit' then case when runif('amb_cpt', event_id, 0, 0) < 0.3 then '99204' else '99214' end
        when 'telehealth' then '99213'
        when 'urgent_care' then 'S9083'
        when 'outpatient_procedure' then ['43239', '45380', '29881', '66984', '64483'][1 + floor(runif('amb_cpt', event_id, 0, 0) * 5)::integer]
        when 'imaging' then ['72148', '70450', '74177', '73721', '71046'][1 + floor(runif('amb_cpt', event_id, 0, 0) * 5)::integer]
        else ['D1110', 'D0120', 'D2392'][1 + floor(runif('amb_cpt', event_id, 0, 0) * 3)::integer]
      end as procedure_code
    , case kind when 'specialist_visit' then 'specialist_visit' else kind end as procedure_category
    , case kind when 'specialist_visit' then 'specialist_visit' when 'outpatient_procedure' then 'outpatient_procedure' else kind end as cost_key
    , coalesce(
        cd.icd10
        , case kind
            when 'dental' then 'K0252'
            when 'urgent_care' then ['J069', 'S93401A', 'N390', 'J029'][1 + floor(runif('amb_gdx', event_id, 0, 0) * 4)::integer]
            else ['Z0000', 'J069', 'M545', 'R109', 'M25561', 'L309', 'K219', 'R51'][1 + floor(runif('amb_gdx', event_id, 0, 0) * 8)::integer]
          end
      ) as dx
  from ambulatory_events e
  left join condition_codes cd on cd.condition = e.condition
)
, amb_lines as (
  select
    claim_id, 1, member_id, region, practice_type, event_id
    , case when kind = 'outpatient_procedure' and practice_type = 'hospital' then 'institutional' else 'professional' end
    , service_category, place_of_service_code, service_date, null::date, dx, null, procedure_code, procedure_category
    , case when kind = 'outpatient_procedure' and practice_type = 'hospital' then '0360' end, false, null::boolean
    , case cost_key
        when 'office_visit' then rcost('amb', event_id, 1, 0, getvariable('costs__office_visit__median'), getvariable('costs__office_visit__sigma'), getvariable('costs__office_visit__cap'))
        when 'specialist_visit' then rcost('amb', event_id, 1, 0, getvariable('costs__specialist_visit__median'), getvariable('costs__specialist_visit__sigma'), getvariable('costs__specialist_visit__cap'))
        when 'telehealth' then rcost('amb', event_id, 1, 0, getvariable('costs__telehealth__median'), getvariable('costs__telehealth__sigma'), getvariable('costs__telehealth__cap'))
        when 'urgent_care' then rcost('amb', event_id, 1, 0, getvariable('costs__urgent_care__median'), getvariable('costs__urgent_care__sigma'), getvariable('costs__urgent_care__cap'))
        when 'outpatient_procedure' then rcost('amb', event_id, 1, 0, getvariable('costs__outpatient_procedure__median'), getvariable('costs__outpatient_procedure__sigma'), getvariable('costs__outpatient_procedure__cap'))
        when 'imaging' then rcost('amb', event_id, 1, 0, getvariable('costs__imaging__median'), getvariable('costs__imaging__sigma'), getvariable('costs__imaging__cap'))
        else rcost('amb', event_id, 1, 0, getvariable('costs__dental__median'), getvariable('costs__dental__sigma'), getvariable('costs__dental__cap'))
      end
    , is_commercial
  from amb
  union all
  -- lab work ordered at office visits, billed by the laboratory
  select
    claim_id || 'L', 1, member_id, region, 'laboratory', event_id || 'L', 'professional', 'laboratory', '81'
    , service_date, null, dx, null
    , ['80053', '85025', '80061', '84443'][1 + floor(runif('lab_cpt', event_id, 0, 0) * 4)::integer], 'lab_panel', null, false, null
    , rcost('lab', event_id, 1, 0, getvariable('costs__lab__median'), getvariable('costs__lab__sigma'), getvariable('costs__lab__cap'))
    , is_commercial
  from amb
  where kind in ('office_visit', 'specialist_visit') and runif('lab', event_id, 0, 0) < getvariable('utilization__lab_per_office_visit')
)
, care as not materialized (
  select
    c.*
    , 'CL' || c.care_event_id as claim_id
    , case
        when c.event in ('hba1c_test', 'egfr_test', 'uacr_test', 'eye_exam') then 'E119'
        when c.event = 'bp_reading' then 'I10'
        when c.event = 'mammogram' then 'Z1231'
        when c.event in ('colonoscopy', 'fit_test') then 'Z1211'
        when c.event = 'flu_vaccine' then 'Z23'
        else 'Z0000'
      end as dx
    , case c.cost_key
        when 'lab' then rcost('care', care_event_id, 1, 0, getvariable('costs__lab__median'), getvariable('costs__lab__sigma'), getvariable('costs__lab__cap'))
        when 'outpatient_procedure' then rcost('care', care_event_id, 1, 0, getvariable('costs__outpatient_procedure__median'), getvariable('costs__outpatient_procedure__sigma'), getvariable('costs__outpatient_procedure__cap'))
        when 'office_visit' then rcost('care', care_event_id, 1, 0, getvariable('costs__office_visit__median'), getvariable('costs__office_visit__sigma'), getvariable('costs__office_visit__cap'))
        else rcost('care', care_event_id, 1, 0, getvariable('costs__preventive__median'), getvariable('costs__preventive__sigma'), getvariable('costs__preventive__cap'))
      end as amount
  from care_events c
)
, care_lines as (
  select claim_id, 1, member_id, region, practice_type, care_event_id, 'professional', service_category, place_of_service
    , service_date, null::date, dx, null, procedure_code, procedure_category, null, false, null::boolean, amount, is_commercial
  from care
  union all
  -- CPT II result codes (blood pressure, HbA1c) as zero-dollar lines on the same claim
  select claim_id, 1 + i, member_id, region, practice_type, care_event_id, 'professional', service_category, place_of_service
    , service_date, null::date, dx, null, code, procedure_category || '_result', null, false, null::boolean, 0.0, is_commercial
  from (
    select *, unnest(string_split(result_codes, '+')) as code, generate_subscripts(string_split(result_codes, '+'), 1) as i
    from care
    where result_codes is not null
  ) r
)
select * from er_lines
union all select * from ip_lines
union all select * from amb_lines
union all select * from care_lines
