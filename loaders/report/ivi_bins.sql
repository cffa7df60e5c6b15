-- grain: one row per 5-point IVI bin and risk band in month $1 (companies with an IVI; the band thresholds
-- 55 and 70 are bin edges, so a bin holds one band)
select (least(floor(ivi / 5), 19) * 5)::integer as bin_start
  , risk_band
  , count(*)::integer as companies
from company_month_kpis
where year_month = $1
  and ivi is not null
group by all
order by bin_start, risk_band
