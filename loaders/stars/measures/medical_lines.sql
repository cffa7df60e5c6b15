-- Final-action medical claim lines of Medicare Advantage members: paid (or status absent) and not
-- cancelled by a reversal line of the same member, date, line and code with the opposite amount.
-- grain: one row per claim_id and claim_line_number
select c.*
from medical_claims c
where coalesce(c.claim_status, 'paid') = 'paid'
  and c.member_id in (select member_id from members where line_of_business = 'medicare_advantage')
  and not exists (
    select 1 from medical_claims r
    where r.claim_status = 'reversed' and r.member_id = c.member_id and r.service_date = c.service_date
      and r.claim_line_number = c.claim_line_number
      and r.procedure_code is not distinct from c.procedure_code
      and r.procedure_category is not distinct from c.procedure_category
      and r.paid_amount = -c.paid_amount
  )
