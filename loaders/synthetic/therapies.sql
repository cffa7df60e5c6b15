-- Maintenance therapies: which drug each member takes, its days' supply, adherence and how long
-- they stay on it. Within a condition and drug class the drug is drawn by its uptake share (at
-- most one); a member keeps one drug per class (ASCVD and heart-failure choices win). "Other"
-- maintenance drugs (no star measure) come in a Poisson number per member, and a small share of
-- members take a specialty therapy.
-- Adherence a = sigmoid(3.1 + 0.75·z − 0.25·h); refill gaps average d·(1/a − 1) days, so the
-- proportion of days covered is about a. Discontinuation: 10% per year on therapy.
-- grain: one row per therapy_id
with drug_bins as (
  select
    *
    , sum(uptake) over (partition by condition, drug_class order by drug_name rows unbounded preceding) as hi
    , hi - uptake as lo
  from drugs
)
, picked as (
  select mc.member_id, d.*
    , case mc.condition when 'ascvd' then 1 when 'heart_failure' then 2 when 'diabetes' then 3 else 4 end as priority
  from member_conditions mc
  join drug_bins d on d.condition = mc.condition
  where runif('rx_pick', mc.member_id, d.condition, d.drug_class) >= d.lo
    and runif('rx_pick', mc.member_id, d.condition, d.drug_class) < d.hi
  qualify row_number() over (partition by mc.member_id, d.drug_class order by priority, d.drug_name) = 1
)
, others as (
  select
    p.member_id
    , unnest(range(rpois(lam, u))) as k
  from (
    select p.member_id
      , case when p.line_of_business = 'commercial' then getvariable('pharmacy__other_drugs__commercial')
          else getvariable('pharmacy__other_drugs__ma') end + getvariable('pharmacy__other_drugs__per_condition') * coalesce(c.cc, 0) as lam
      , runif('rx_other_n', p.member_id, 0, 0) as u
    from people p
    left join (select member_id, count(*) as cc from member_conditions group by member_id) c using (member_id)
  ) p
)
, all_therapies as (
  select member_id, drug_name as therapy_key, drug_class, drug_name, ingredient, statin_intensity, ninety_day_share, cost_30d
  from picked
  union all
  select member_id, 'other-' || k, 'other', 'maintenance drug ' || (1 + floor(runif('rx_other_drug', member_id, k, 0) * 40))::integer
    , 'other-' || (1 + floor(runif('rx_other_drug', member_id, k, 0) * 40))::integer, null, 0.2
    , round(getvariable('pharmacy__other_cost__median') * exp(getvariable('pharmacy__other_cost__sigma') * rnorm('rx_other_cost', member_id, k, 0)), 2)
  from others
  union all
  -- specialty therapies (biologics and similar): few members, most of the pharmacy spend
  select member_id, 'specialty', 'other', 'specialty biologic', 'specialty', null, 0.0, getvariable('pharmacy__specialty__cost_30d')
  from people
  where runif('rx_specialty', member_id, 0, 0) < case when line_of_business = 'commercial'
    then getvariable('pharmacy__specialty__commercial') else getvariable('pharmacy__specialty__ma') end
)
select
  t.member_id || ':' || t.therapy_key as therapy_id
  , row_number() over (partition by t.member_id order by t.therapy_key) as therapy_no
  , t.*
  , p.line_of_business
  , p.region
  , case when runif('rx_90', t.member_id, t.therapy_key, 0) < t.ninety_day_share then 90 else 30 end as days_supply
  , sigmoid(3.1 + 0.75 * rnorm('rx_adherence', t.member_id, t.therapy_key, 0) - 0.25 * p.burden) as adherence
  , getvariable('start_date')::date + to_months(p.start_m)
    + to_days(floor(runif('rx_first', t.member_id, t.therapy_key, 0) * case when p.start_m = 0 then days_supply else 20 end)::integer) as first_fill
  , floor(ln(runif('rx_stop', t.member_id, t.therapy_key, 0)) / ln(1 - 0.1 * days_supply / 365))::integer as fills_before_stop
from all_therapies t
join people p using (member_id)
