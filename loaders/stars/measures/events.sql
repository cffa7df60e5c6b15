-- Every clinical fact the measures look for, as (member, value set, date): diagnoses (ICD-10-CM
-- prefixes; not from laboratory claims, POS 81, per HEDIS), procedure, HCPCS, revenue and
-- place-of-service codes, service and procedure categories, dispensed ingredients, and the
-- optional prior screening history.
-- grain: one row per source record (claim line, fill or history row) and value set matched
with lines as (
  select
    l.member_id, l.claim_id, l.service_date, coalesce(l.discharge_date, l.service_date) as end_date
    , l.service_category, l.place_of_service_code, l.procedure_code, l.procedure_category, l.revenue_center_code
    , [l.diagnosis_code_1, l.diagnosis_code_2, l.diagnosis_code_3] as dx
  from stars_medical_lines l
)
, dx as (
  select distinct l.member_id, l.claim_id, l.service_date, l.end_date, l.service_category, v.value_set
  from (
    -- every prefix of the code, so value-set prefixes match by equality
    select *, left(code, unnest(range(1, length(code) + 1))::integer) as prefix
    from (select *, upper(replace(unnest(dx), '.', '')) as code from lines where place_of_service_code is distinct from '81')
  ) l
  join stars_value_sets v on v.code_type = 'icd10' and v.code = l.prefix
)
, coded as (
  -- one row per line and code field, so every value-set match is an equality join
  select distinct l.member_id, l.claim_id, l.service_date, l.end_date, l.service_category, v.value_set
  from (
    select *, unnest([
        {'kind': 'procedure', 'code': procedure_code}, {'kind': 'pos', 'code': place_of_service_code}
        , {'kind': 'revenue', 'code': revenue_center_code}, {'kind': 'procedure_category', 'code': procedure_category}
        , {'kind': 'service_category', 'code': service_category}]) as f
    from lines
  ) l
  join stars_value_sets v
    on (case when v.code_type in ('cpt', 'hcpcs') then 'procedure' else v.code_type end) = l.f.kind and v.code = l.f.code
)
, dispensed as (
  select distinct f.member_id, f.claim_id, f.dispensing_date as service_date, f.dispensing_date as end_date
    , 'pharmacy' as service_category, v.value_set
  from (select *, unnest(ingredients) as ingredient from stars_fills) f
  join stars_value_sets v on v.code_type = 'ingredient' and v.code = f.ingredient
)
, history as (
  select h.member_id, null::varchar as claim_id, h.service_date, h.service_date as end_date
    , 'history' as service_category, v.value_set
  from screening_history h
  join stars_value_sets v on v.code_type = 'procedure_category' and v.code = h.procedure_category
)
select *, 'medical_claims' as source from dx
union all select *, 'medical_claims' from coded
union all select *, 'pharmacy_claims' from dispensed
union all select *, 'screening_history' from history
