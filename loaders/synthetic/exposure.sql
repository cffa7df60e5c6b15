-- Member-months inside the data window with everything the event generators read.
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
  mm.member_id
  , mm.year_month
  , mm.month_start
  , datediff('month', getvariable('start_date')::date, mm.month_start)::integer as m
  , month(mm.month_start) as moy
  , p.line_of_business = 'commercial' as is_commercial
  , p.company_id
  , p.contract_id
  , p.region
  , p.sex
  , p.age + datediff('month', getvariable('start_date')::date, mm.month_start) / 12.0 as age
  , p.burden
  , coalesce(c.cc, 0) as cc
  , exp(sqrt(ln(1 + 1 / getvariable('frailty_shape'))) * p.frailty_z - ln(1 + 1 / getvariable('frailty_shape')) / 2) as frailty
  , exp(coalesce(ce.log_effect, k.log_effect, 0)) as group_effect
  , coalesce(co.avoidable_log_odds, 0) as avoidable_log_odds
  , s.respiratory
  , s.injury
  , least(last_day(mm.month_start), coalesce(p.death_date, date '9999-12-31')) as last_day_eligible
from member_months mm
join people p using (member_id)
left join conds c using (member_id)
left join company_month_effects ce
  on ce.company_id = p.company_id
  and ce.month_index = datediff('month', getvariable('start_date')::date, mm.month_start)
left join contracts k on k.contract_id = p.contract_id
left join companies co on co.company_id = p.company_id
join season s on s.month_of_year = month(mm.month_start)
where mm.month_start >= getvariable('start_date')::date
  and mm.month_start < getvariable('start_date')::date + to_months(getvariable('months')::integer)
)
