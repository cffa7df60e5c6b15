-- grain: one row per company in the High band in month $1 that was not High in month $2 (or had no row then),
-- lowest IVI first
select c.company_id
  , coalesce(n.company_name, c.company_id) as company_name
  , c.ivi
  , p.ivi as previous_ivi
  , p.risk_band as previous_band
from company_month_kpis c
left join company_month_kpis p
  on p.company_id = c.company_id
  and p.year_month = $2
left join companies n
  on n.company_id = c.company_id
where c.year_month = $1
  and c.risk_band = 'High'
  and p.risk_band is distinct from 'High'
order by c.ivi, c.company_id
