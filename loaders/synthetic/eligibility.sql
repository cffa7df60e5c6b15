-- Enrollment spans: one per member, split in two for the few members with a 1-2 month gap.
-- grain: one row per member_id and enrollment_start_date
with base as (
  select
    member_id, line_of_business, company_id, contract_id, network_tier, start_m, end_m, death_m, death_date
    , runif('gap', member_id, 0, 0) < 0.03 and end_m - start_m >= 8 as has_gap
    , start_m + 3 + floor(runif('gap_at', member_id, 0, 0) * (end_m - start_m - 6))::integer as gap_m
    , 1 + (runif('gap_len', member_id, 0, 0) < 0.4)::integer as gap_len
  from people
)
, spans as (
  select *, start_m as s, case when has_gap then gap_m - 1 else end_m end as e from base
  union all
  select *, gap_m + gap_len as s, end_m as e from base where has_gap and gap_m + gap_len <= end_m
)
select
  member_id
  , getvariable('start_date')::date + to_months(s) as enrollment_start_date
  , case when death_m is not null and e = death_m then death_date
      else last_day(getvariable('start_date')::date + to_months(e)) end as enrollment_end_date
  , company_id
  , contract_id
  , coalesce(company_id || '-' || network_tier, contract_id || '-001') as plan_id
from spans
