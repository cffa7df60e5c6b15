-- Chronic conditions present at the start of the data window. Prevalence is logit-linear in age
-- through the scenario's anchors at 45 and 75, raised by the member's latent burden h:
--   logit p = logit(p45) + (logit(p75) − logit(p45))·(age − 45)/30 + loading·h − loading²/2
-- Osteoporosis is mostly a condition of women (odds ×3 for F, ×0.3 for M).
-- grain: one row per member_id and condition
select p.member_id, c.condition
from people p
cross join condition_params c
where runif('condition', p.member_id, c.condition, 0) < sigmoid(
  logit(c.at45) + (logit(c.at75) - logit(c.at45)) * (p.age - 45) / 30
  + c.loading * p.burden - c.loading * c.loading / 2
  + case when c.condition = 'osteoporosis' then case when p.sex = 'F' then ln(3) else ln(0.3) end else 0 end
)
