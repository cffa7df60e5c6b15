-- grain: one row: the employer book's ER and avoidable ER paid in month $1 and over the 12 months ending $1
select sum(avoidable_er_paid_nyu) filter (where year_month = $1) as month_avoidable_er_paid_nyu
  , sum(avoidable_er_paid_nyu) as avoidable_er_paid_nyu_12m
  , sum(avoidable_er_paid_proxy) as avoidable_er_paid_proxy_12m
  , sum(er_paid) as er_paid_12m
  , sum(member_months)::integer as member_months_12m
  , count(distinct year_month)::integer as months
from company_month_kpis
where year_month <= $1
  and year_month > strftime(cast($1 || '-01' as date) - interval 12 month, '%Y-%m')
