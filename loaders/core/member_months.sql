-- Member-months: every calendar month that an enrollment span overlaps counts once, partial
-- months in full (the Tuva rule). Overlapping spans of one member count a month once.
-- Months are numbered from January 2000 (month_no) so the expansion is integer arithmetic.
-- grain: one row per member_id and year_month
with months as (
  select
    e.member_id
    , e.company_id
    , e.contract_id
    , unnest(range(
        datediff('month', date '2000-01-01', e.enrollment_start_date)
        , datediff('month', date '2000-01-01', e.enrollment_end_date) + 1
      )) as month_no
  from eligibility e
)
, distinct_months as (
  select member_id, month_no, min(company_id) as company_id, min(contract_id) as contract_id
  from months
  group by member_id, month_no
)
select
  d.member_id
  , (2000 + d.month_no // 12)::varchar || '-' || lpad((d.month_no % 12 + 1)::varchar, 2, '0') as year_month
  , (date '2000-01-01' + to_months(d.month_no::integer))::date as month_start
  , p.line_of_business
  , d.company_id
  , d.contract_id
from distinct_months d
join members p using (member_id)
