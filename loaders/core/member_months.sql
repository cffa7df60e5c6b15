-- Member-months: every calendar month that an enrollment span overlaps counts once, partial
-- months in full (the Tuva rule). Overlapping spans of one member count a month once.
-- grain: one row per member_id and year_month
with months as (
  select
    e.member_id
    , e.company_id
    , e.contract_id
    , unnest(generate_series(
        date_trunc('month', e.enrollment_start_date)::date
        , date_trunc('month', e.enrollment_end_date)::date
        , interval 1 month
      ))::date as month_start
  from eligibility e
)
select
  m.member_id
  , strftime(m.month_start, '%Y-%m') as year_month
  , min(m.month_start) as month_start
  , min(p.line_of_business) as line_of_business
  , min(m.company_id) as company_id
  , min(m.contract_id) as contract_id
from months m
join members p using (member_id)
group by m.member_id, year_month
order by m.member_id, year_month
