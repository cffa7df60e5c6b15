-- Chronic-condition group of an ICD-10-CM code (no dot) by its leading characters; null otherwise.
create or replace macro care_condition(code) as case
  when code is null then null
  when code[1:3] in ('E10', 'E11', 'E13') then 'diabetes'
  when code[1:3] = 'I50' then 'heart_failure'
  when code[1:3] in ('J44', 'J45') then 'copd_asthma'
  when code[1:3] = 'N18' then 'ckd'
  when code[1:3] in ('F32', 'F33') then 'depression'
  when code[1:3] in ('I10', 'I11', 'I12', 'I13') then 'hypertension'
  when code[1:3] in ('I20', 'I21', 'I22', 'I25', 'I63', 'I70') then 'ascvd'
  when code[1:3] = 'I48' then 'atrial_fibrillation'
  when code[1:3] in ('F01', 'F02', 'F03', 'G30') then 'dementia'
  when code[1:3] = 'M81' then 'osteoporosis'
end;
