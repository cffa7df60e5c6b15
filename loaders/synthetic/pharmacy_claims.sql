-- Pharmacy fills: refill chains of the maintenance therapies plus acute fills (antibiotics).
-- Fill k of a therapy is dispensed on first_fill + Σ_{j<k} (d + gap_j) with
--   gap_j = round(d·(1/a − 1)·exp(0.5·z_j − 0.125)), z_j ~ N(0,1)
-- and only while the member is enrolled and on therapy. Acute fills: Poisson per member-month,
-- with a winter peak. Amounts: cost per 30 days × d/30; the plan pays 80% (rejected: 0).
-- grain: one row per claim_id
with chains as (
  -- one row per therapy: the day offsets of its candidate fills, a running sum computed in a list
  -- (exact: every term is a whole number of days), so no window sorts the fills
  select
    t.*
    , ph.provider_id
    , list_transform(
        range(least(fills_before_stop + 1, ceil(getvariable('months') * 30.44 / days_supply)::integer + 1))
        , k -> case when k = 0 then 0 else days_supply
            + round(days_supply * (1 / adherence - 1) * exp(0.5 * rnorm('rx_gap', therapy_id, k, 0) - 0.125)) end
      ) as steps
  from therapies t
  join member_pharmacies ph using (member_id)
)
, chained as (
  select
    *
    , unnest(range(len(steps))) as k
    , first_fill + to_days(unnest(list_transform(range(1, len(steps) + 1), i -> list_sum(steps[1:i])))::integer)
      as dispensing_date
  from chains
)
, maintenance as (
  select
    'RX' || c.member_id || '-T' || lpad(c.therapy_no::varchar, 2, '0') || lpad(c.k::varchar, 3, '0') as claim_id
    , c.member_id, c.region, c.dispensing_date, c.drug_name, c.ingredient, c.drug_class, c.statin_intensity
    , c.days_supply, c.days_supply::double as quantity
    , round(c.cost_30d * c.days_supply / 30 * exp(0.1 * rnorm('rx_cost', c.therapy_id, c.k, 0)), 2) as allowed_amount
    , c.provider_id
  from chained c
  join eligibility e on e.member_id = c.member_id
    and c.dispensing_date between e.enrollment_start_date and e.enrollment_end_date
)
, acute as (
  select
    'RX' || member_id || '-A' || lpad(m::varchar, 2, '0') || lpad(k::varchar, 2, '0') as claim_id
    , member_id, region
    , month_start + to_days(floor(runif('rx_acute_day', member_id, m, k) * (datediff('day', month_start, last_day_eligible) + 1))::integer) as dispensing_date
    , ['amoxicillin 500 mg', 'azithromycin 250 mg', 'cephalexin 500 mg', 'doxycycline 100 mg'][1 + floor(runif('rx_acute_drug', member_id, m, k) * 4)::integer] as drug_name
    , split_part(drug_name, ' ', 1) as ingredient
    , 'antibiotic' as drug_class, null as statin_intensity, 10 as days_supply, 20.0 as quantity
    , round(14 * exp(0.3 * rnorm('rx_acute_cost', member_id, m, k)), 2) as allowed_amount
    , ph.provider_id
  from (
    select *, unnest(range(rpois(lam_acute_rx, u_acute_rx))) as k
    from exposure
    -- a Poisson count is 0 exactly when u < e^(−λ) (rpois's first branch): such months are
    -- dropped before the count is computed
    where u_acute_rx >= exp(-lam_acute_rx)
  )
  join member_pharmacies ph using (member_id)
)
, fills as (
  select * from maintenance
  union all
  select * from acute
)
, adjudicated as (
  select
    f.*
    , runif('rx_status', f.claim_id, 0, 0) as u
  from fills f
)
-- each reversed fill yields its original and, as a second row, the reversal
, with_reversals as (
  select
    *
    , unnest(case when u >= getvariable('claim_status__rejected')
        and u < getvariable('claim_status__rejected') + getvariable('claim_status__reversed')
        then [false, true] else [false] end) as reversal
  from adjudicated
)
select
  case when reversal then claim_id || 'R' else claim_id end as claim_id
  , member_id, provider_id, dispensing_date, drug_name, ingredient, drug_class, statin_intensity
  , days_supply, quantity
  , case when reversal then -allowed_amount else allowed_amount end as allowed_amount
  , case when reversal then -round(allowed_amount * 0.8, 2)
      when u < getvariable('claim_status__rejected') then 0.0 else round(allowed_amount * 0.8, 2) end as paid_amount
  , case when reversal then 'reversed' when u < getvariable('claim_status__rejected') then 'rejected' else 'paid' end as claim_status
from with_reversals
