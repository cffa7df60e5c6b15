-- Member-months: every calendar month that an enrollment span overlaps counts once, partial
-- months in full (the Tuva rule). Overlapping spans of one member count a month once.
-- Months are numbered from January 2000 (month_no) so the expansion is integer arithmetic; each
-- month's label and first day are computed once per month, not once per member-month.
-- grain: one row per member_id and year_month
with spans as (
  select
    member_id
    , company_id
    , contract_id
    , datediff('month', date '2000-01-01', enrollment_start_date) as first_no
    , datediff('month', date '2000-01-01', enrollment_end_date) as last_no
  from eligibility
)
-- members with more than one span: only their months can repeat
, multi_span as (
  select member_id from spans group by member_id having count(*) > 1
)
, months as (
  select
    s.member_id
    , s.company_id
    , s.contract_id
    , m.member_id is not null as multi
    , unnest(range(s.first_no, s.last_no + 1)) as month_no
  from spans s
  left join multi_span m using (member_id)
)
, distinct_months as (
  select member_id, month_no, company_id, contract_id from months where not multi
  union all
  select member_id, month_no, min(company_id) as company_id, min(contract_id) as contract_id
  from months
  where multi
  group by member_id, month_no
)
, calendar as (
  select
    month_no
    , (2000 + month_no // 12)::varchar || '-' || lpad((month_no % 12 + 1)::varchar, 2, '0') as year_month
    , (date '2000-01-01' + to_months(month_no::integer))::date as month_start
  from (select unnest(range(min(first_no), max(last_no) + 1)) as month_no from spans)
)
select
  d.member_id
  , c.year_month
  , c.month_start
  , p.line_of_business
  , d.company_id
  , d.contract_id
from distinct_months d
join calendar c using (month_no)
join members p using (member_id)
