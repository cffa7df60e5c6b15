-- grain: one row: the latest month of company_month_kpis and the month before it (both null without KPIs;
-- previous_month null with a single month)
with months as (
  select distinct year_month
  from company_month_kpis
)
select max(year_month) as latest_month
  , (select max(year_month) from months where year_month < (select max(year_month) from months)) as previous_month
from months
