-- grain: one row: how many loaded medical claim lines carry a primary diagnosis.
select count(*)::integer as n
from medical_claims
where diagnosis_code_1 is not null
