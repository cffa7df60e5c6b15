-- grain: one row per company the next-month model puts at probability $1 or more of being High in the
-- predicted month, riskiest first, with its band in the month the features come from
select r.company_id
  , coalesce(n.company_name, r.company_id) as company_name
  , r.year_month as predicted_month
  , r.probability
  , r.risk_rank
  , k.ivi
  , k.risk_band as current_band
  , r.driver_1
from company_risk_predictions r
left join company_month_kpis k
  on k.company_id = r.company_id
  and k.year_month = r.feature_month
left join companies n
  on n.company_id = r.company_id
where r.probability >= $1
order by r.risk_rank, r.company_id
