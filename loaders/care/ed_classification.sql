-- NYU ED algorithm (Johnston et al. ICD-10 update) by primary diagnosis: the share of visits
-- with that diagnosis that were avoidable, noner + epct + edcnpa.
-- grain: one row per icd10
select icd10, noner + epct + edcnpa as avoidable_share
from read_csv(getvariable('care_ed_classification_csv'), header = true, all_varchar = false)
