-- ER visits in member order: the visit id after the member id, the day (days since 1970-01-01), the
-- pool, the primary diagnosis, the diagnosis of the member's first condition and the admission flag.
-- grain: one row per visit_id
select
  c.member_index
  , substr(v.visit_id, length(v.member_id) + 1) as suffix
  , (v.visit_date::date - date '1970-01-01')::integer as day
  , v.pool = 'avoidable' as avoidable
  , v.icd10
  , cd.icd10 as icd10_2
  , v.admitted
from er_visits v
join claim_members c using (member_id)
left join condition_codes cd on cd.condition = v.conditions[1]
order by c.member_index, v.visit_id
