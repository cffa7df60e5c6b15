-- grain: one row per pair (band in month $2, band in month $1) held by at least one company present in both
select p.risk_band as previous_band
  , c.risk_band as current_band
  , count(*)::integer as companies
from company_month_kpis c
join company_month_kpis p
  on p.company_id = c.company_id
  and p.year_month = $2
where c.year_month = $1
group by all
order by previous_band, current_band
