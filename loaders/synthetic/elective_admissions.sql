-- Elective (planned) inpatient stays: λ = (base_lob + per_condition·cc) / 12 · frailty per
-- member-month. The principal diagnosis is one of the member's conditions, or a common surgical
-- reason when the member has none.
-- grain: one row per admission_id
with counts as (
  select x.*, coalesce(cl.conditions, []) as conditions, rpois(x.lam_elective, x.u_elective) as n
  from exposure x
  left join condition_lists cl using (member_id)
  -- a Poisson count is 0 exactly when u < e^(−λ) (rpois's first branch): such rows are dropped
  -- before the count is computed
  where x.u_elective >= exp(-x.lam_elective)
)
, stays as (
  select *, unnest(range(n)) as k from counts where n > 0
)
, stays_drawn as (
  select
    *
    , case when is_commercial then 1.6 else 2.6 end + 0.15 * cc as los_lam
    , runif('el_los', member_id, m, k) as los_u
    , conditions[1 + floor(runif('el_cond', member_id, m, k) * cc)::integer] as pick_condition
  from stays
)
select
  member_id || '-A' || lpad(m::varchar, 2, '0') || lpad(k::varchar, 2, '0') as admission_id
  , member_id
  , is_commercial
  , region
  , cc
  , month_start + to_days(floor(runif('el_day', member_id, m, k)
      * (datediff('day', month_start, last_day_eligible) + 1))::integer) as admission_date
  , 1 + rpois(los_lam, los_u) as los
  , case when cc > 0 and runif('el_dx', member_id, m, k) < 0.6
      then cd.icd10
      else ['M1711', 'K8020', 'M1611', 'K4090', 'N400', 'M4806'][1 + floor(runif('el_gen', member_id, m, k) * 6)::integer]
    end as icd10
  , 'elective' as admission_source
from stays_drawn
left join condition_codes cd on cd.condition = stays_drawn.pick_condition
