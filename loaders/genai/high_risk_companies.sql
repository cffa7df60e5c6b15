-- grain: one row per company predicted high-risk ($threshold or more), ordered by rank then company
select *
from company_risk_predictions
where probability >= $threshold
order by risk_rank, company_id
