-- Stored contributions and IVI are rounded to 3 decimals each, so four roundings allow a gap of 0.002.
-- The IVI's own identities and its band mix: contributions add up to the IVI, the IVI stays in 0–100,
-- bands follow the thresholds, and the share of scored company-months in each band.
-- grain: one row per check
with scored as (
  select ivi, risk_band, contribution_u + contribution_h + contribution_e as contributions
  from company_month_kpis
  where ivi is not null
)
, facts as (
  select count(*) as n
    , max(abs(contributions - ivi)) as decomposition_gap
    , count(*) filter (where ivi < 0 or ivi > 100) as out_of_range
    , count(*) filter (where risk_band <> case when ivi < 55 then 'High' when ivi < 70 then 'Medium' else 'Low' end)
      as misbanded
    , count(*) filter (where risk_band = 'High')::double / nullif(count(*), 0) as high
    , count(*) filter (where risk_band = 'Medium')::double / nullif(count(*), 0) as medium
    , count(*) filter (where risk_band = 'Low')::double / nullif(count(*), 0) as low
  from scored
)
select 'ivi' as method, 'decomposition_gap' as check_id
  , 'largest |U + H + E contributions − IVI| over scored company-months' as description
  , coalesce(decomposition_gap, 0)::double as value, 0::double as reference, 0.002 as tolerance
  , coalesce(decomposition_gap, 0) <= 0.002 + 1e-9 as passed, 'company_month_kpis' as source
from facts
union all
select 'ivi', 'out_of_range', 'scored company-months with an IVI outside 0–100', out_of_range::double, 0, null
  , out_of_range = 0, 'company_month_kpis'
from facts
union all
select 'ivi', 'misbanded', 'company-months whose band disagrees with the IVI thresholds', misbanded::double, 0
  , null, misbanded = 0, 'company_month_kpis'
from facts
union all
select 'ivi', 'share_high', 'share of scored company-months in the High band', high, null, null, null
  , 'company_month_kpis'
from facts
union all
select 'ivi', 'share_medium', 'share of scored company-months in the Medium band', medium, null, null, null
  , 'company_month_kpis'
from facts
union all
select 'ivi', 'share_low', 'share of scored company-months in the Low band', low, null, null, null
  , 'company_month_kpis'
from facts
