-- Prior screening history: screenings done before the claims window, which the look-back measures
-- (colonoscopy 10 years, mammogram 27 months) cannot see in claims. For members 45+ when the window
-- opens, a colonoscopy in the 10 years before with probability
--   p = sigmoid(logit(0.55) + 0.4·z)
-- and, for women 50–74, a mammogram in the 12 months before with probability
--   p = sigmoid(logit(0.55) + 0.45·z),
-- z the contract's latent quality for that screening in the first year (0 for commercial members).
-- 0.55 ≈ US up-to-date screening prevalence among adults 50–75 (NHIS) net of the share the claims
-- window itself will show.
-- grain: one row per member_id, procedure_category and service_date
with base as (
  select
    p.member_id, p.sex, p.contract_id
    , date_part('year', age(getvariable('start_date')::date, p.birth_date)) as age
  from people p
)
, candidates as (
  select b.*, 'colonoscopy' as procedure_category, 'colonoscopy' as event, 0.55 as p0, 0.4 as sd, 3650 as span_days
  from base b where b.age >= 45
  union all
  select b.*, 'mammogram', 'mammogram', 0.55, 0.45, 365
  from base b where b.sex = 'F' and b.age between 50 and 74
)
select
  c.member_id
  , c.procedure_category
  , (getvariable('start_date')::date - to_days(1 + floor(runif('hist_day', c.member_id, c.event, 0) * c.span_days)::integer))::date
    as service_date
  , case when runif('hist_src', c.member_id, c.event, 0) < 0.7 then 'prior_claims' else 'chart_review' end as source
from candidates c
left join contract_event_effects z
  on z.contract_id = c.contract_id and z.event = c.event and z.yr = year(getvariable('start_date')::date)
where runif('hist', c.member_id, c.event, 0) < sigmoid(logit(c.p0) + c.sd * coalesce(z.z, 0))
