-- All ER visits: the month-by-month draws plus the readmissions that came back through the ER.
-- grain: one row per visit_id
select * from er_visits_base
union all
select * from readmission_visits
