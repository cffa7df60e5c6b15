-- grain: one row per compared month ($1 latest, $2 previous) of the employer book: companies, member months,
-- member-month weighted IVI, band counts, ER rates per 1,000 member-years and paid per member per month
select year_month
  , count(*)::integer as companies
  , sum(member_months)::integer as member_months
  , sum(ivi * member_months) / nullif(sum(member_months) filter (where ivi is not null), 0) as ivi
  , (count(*) filter (where risk_band = 'High'))::integer as high
  , (count(*) filter (where risk_band = 'Medium'))::integer as medium
  , (count(*) filter (where risk_band = 'Low'))::integer as low
  , sum(er_visits) * 12000.0 / nullif(sum(member_months), 0) as er_per_1000
  , sum(avoidable_er_visits_nyu) * 12000.0 / nullif(sum(member_months), 0) as avoidable_er_per_1000_nyu
  , sum(avoidable_er_paid_nyu) as avoidable_er_paid_nyu
  , sum(paid) / nullif(sum(member_months), 0) as paid_pmpm
from company_month_kpis
where year_month in ($1, $2)
group by year_month
order by year_month desc
