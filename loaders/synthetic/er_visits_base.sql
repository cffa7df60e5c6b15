-- ER visits drawn month by month. Rate per member-month:
--   λ = (base_lob + per_condition·cc + per_decade·max(age − 35, 0)/10) / 12
--       · frailty · group_effect · (1 + 0.3·(respiratory_season − 1))
-- count ~ Poisson(λ). The visit's primary diagnosis comes from the avoidable or the other pool
-- (pool odds shifted by the company's latent avoidable propensity and for members under 35), then
-- from the month's seasonal bins. Admission probability rises with conditions and with
-- emergent-not-preventable diagnoses, and falls for avoidable-pool diagnoses.
-- grain: one row per visit_id
with counts as (
  select *, rpois(lam_er, u_er) as n
  from exposure
  -- a Poisson count is 0 exactly when u < e^(−λ) (rpois's first branch): such rows are dropped
  -- before the count is computed
  where u_er >= exp(-lam_er)
)
, visits as (
  select *, unnest(range(n)) as k
  from counts
  where n > 0
)
, drawn as (
  select
    v.*
    , v.month_start + to_days(floor(runif('er_day', member_id, m, k)
        * (datediff('day', v.month_start, v.last_day_eligible) + 1))::integer) as visit_date
    , ps.avoidable_share * exp(v.avoidable_log_odds + case when v.age < 35 then 0.3 else 0 end) as odds_part
    , odds_part / (odds_part + 1 - ps.avoidable_share) as p_avoidable
    , case when runif('er_pool', member_id, m, k) < p_avoidable then 'avoidable' else 'other' end as pool
  from visits v
  join er_pool_share ps on ps.month_of_year = v.moy
)
select
  d.member_id || '-E' || lpad(d.m::varchar, 2, '0') || lpad(d.k::varchar, 2, '0') as visit_id
  , d.member_id
  , d.is_commercial
  , d.region
  , d.age
  , d.cc
  , coalesce(cl.conditions, []) as conditions
  , d.visit_date
  , d.pool
  , b.icd10
  , false as is_readmission
  , runif('er_admit', d.member_id, d.m, d.k) < least(
      getvariable('utilization__er_admit_probability__max')
      , (case when d.is_commercial then getvariable('utilization__er_admit_probability__commercial')
          else getvariable('utilization__er_admit_probability__ma') end
        + getvariable('utilization__er_admit_probability__per_condition') * d.cc)
      * case when coalesce(j.edcnnpa, 0) >= 0.5 then 2.2 when d.pool = 'avoidable' then 0.35 else 1 end
    ) as admitted
from drawn d
join er_dx_bins b
  on b.month_of_year = d.moy and b.pool = d.pool
  and b.bin = floor(runif('er_bin', d.member_id, d.m, d.k) * 1000)::integer
left join ed_classification j on j.icd10 = b.icd10
left join condition_lists cl on cl.member_id = d.member_id
