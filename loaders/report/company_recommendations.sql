-- grain: one row per recommendation for a company the next-month model flags, with its prediction
select r.subject_id as company_id
  , coalesce(n.company_name, r.subject_id) as company_name
  , p.year_month as predicted_month
  , p.probability
  , p.risk_rank
  , p.driver_1
  , r.actions
  , r.expected_effect
  , r.source
from recommendations r
join company_risk_predictions p
  on p.company_id = r.subject_id
left join companies n
  on n.company_id = r.subject_id
where r.subject_type = 'company'
order by p.risk_rank, r.subject_id
