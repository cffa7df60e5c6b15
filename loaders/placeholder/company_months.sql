-- Placeholder company-month table proving the build path end to end.
-- grain: one row per company_id and year_month
with companies as (
  select range as c from range(1, 13)
)
, months as (
  select range as m from range(0, 24)
)
, base as (
  select
    printf('C%03d', c) as company_id
    , strftime(date '2024-01-01' + to_months(m), '%Y-%m') as year_month
    , 50 + (hash(c, getvariable('seed')) % 950)::integer as member_months
    , (hash(c, m, getvariable('seed')) % 1000) / 1000.0 as u
  from companies, months
)
select
  company_id
  , year_month
  , member_months
  , round(member_months * (0.02 + 0.03 * u))::integer as er_visits
  , round(member_months * (310 + 120 * u), 2) as paid
from base
order by company_id, year_month
