-- The ICD-10 code of each condition any member has, in condition-name order (the order of the
-- condition codes in medical_claims_conditions.sql); null where condition_codes has none.
-- grain: one row per condition
select cd.icd10
from (select distinct condition from member_conditions) c
left join condition_codes cd using (condition)
order by c.condition
