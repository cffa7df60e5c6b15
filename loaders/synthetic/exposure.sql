-- Member-months inside the data window with everything the event generators read, expanded
-- straight from the enrollment spans (integer month numbers, no text keys).
-- frailty f = exp(σz − σ²/2), σ² = ln(1 + 1/k): mean 1, variance 1/k (k = frailty_shape), so
-- member event counts are overdispersed and frequent users stay frequent.
-- It also carries each month's event rates (λ, per member-month) and the uniforms that draw the
-- counts, as plain columns: the Poisson macro repeats its arguments, so they must not be
-- expressions.
--   ER:        λ = (base_lob + per_condition·cc + per_decade·max(age − 35, 0)/10) / 12
--                  · frailty · group_effect · (1 + 0.3·(respiratory − 1))
--   elective:  λ = (base_lob + per_condition·cc) / 12 · frailty
--   acute Rx:  λ = base_lob / 12 · (1 + 0.6·(respiratory − 1))
-- grain: one row per member_id and year_month
with conds as (
  select member_id, count(*) as cc
  from member_conditions
  group by member_id
)
-- the window's months of each enrollment span (a synthetic member's spans never overlap), numbered
-- m = 0 … months − 1 from the window's first month
, month_numbers as (
  select
    e.member_id
    , unnest(range(
        greatest(0, datediff('month', getvariable('start_date')::date, e.enrollment_start_date))
        , least(getvariable('months'), datediff('month', getvariable('start_date')::date, e.enrollment_end_date) + 1)
      ))::integer as m
  from eligibility e
)
, months as (
  select member_id, m, (getvariable('start_date')::date + to_months(m))::date as month_start
  from month_numbers
)
select
  *
  , (case when is_commercial then getvariable('utilization__er__commercial') else getvariable('utilization__er__ma') end
    + getvariable('utilization__er__per_condition') * cc
    + getvariable('utilization__er__per_decade_over_35') * greatest(age - 35, 0) / 10
    ) / 12 * frailty * group_effect * (1 + 0.3 * (respiratory - 1)) as lam_er
  , runif('er_n', member_id, m, 0) as u_er
  , (case when is_commercial then getvariable('utilization__elective_admission__commercial')
      else getvariable('utilization__elective_admission__ma') end
    + getvariable('utilization__elective_admission__per_condition') * cc) / 12 * frailty as lam_elective
  , runif('el_n', member_id, m, 0) as u_elective
  , (case when is_commercial then 0.45 else 0.7 end) / 12 * (1 + 0.6 * (respiratory - 1)) as lam_acute_rx
  , runif('rx_acute', member_id, m, 0) as u_acute_rx
from (
select
  mo.member_id
  , mo.month_start
  , mo.m
  , month(mo.month_start) as moy
  , p.line_of_business = 'commercial' as is_commercial
  , p.contract_id
  , p.region
  , p.sex
  , p.age + mo.m / 12.0 as age
  , coalesce(c.cc, 0) as cc
  , exp(sqrt(ln(1 + 1 / getvariable('frailty_shape'))) * p.frailty_z - ln(1 + 1 / getvariable('frailty_shape')) / 2) as frailty
  , exp(coalesce(ce.log_effect, k.log_effect, 0)) as group_effect
  , coalesce(co.avoidable_log_odds, 0) as avoidable_log_odds
  , s.respiratory
  , least(last_day(mo.month_start), coalesce(p.death_date, date '9999-12-31')) as last_day_eligible
from months mo
join people p using (member_id)
left join conds c using (member_id)
left join company_month_effects ce
  on ce.company_id = p.company_id
  and ce.month_index = mo.m
left join contracts k on k.contract_id = p.contract_id
left join companies co on co.company_id = p.company_id
join season s on s.month_of_year = month(mo.month_start)
)
