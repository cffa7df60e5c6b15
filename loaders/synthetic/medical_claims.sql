-- Adjudicated medical claim lines of the input contract. Each claim is rejected (paid 0) with the
-- scenario's rejected share; a reversed share is paid and later reversed by a claim with the same
-- lines and negative amounts (claim_id + 'R'). Paid date = service (or discharge) date + lag.
-- Member cost share: MA constant; commercial front-loaded by the deductible,
--   share_month = share · (1.6 − 1.2·(month − 1)/11)  (mean over a year = share).
-- grain: one row per claim_id and claim_line_number
with located as (
  -- the number of providers the line can pick from, so the pick below is a single equi-join
  select l.*, c.scope_region, c.n as providers
  from claim_lines l
  join (select distinct practice_type, scope_region, n from provider_index) c
    on c.practice_type = l.practice_type
    and c.scope_region = case when l.practice_type = 'telehealth' then '*' else l.region end
)
, priced as (
  select
    l.*
    , p.provider_id
    , runif('status', l.claim_id, 0, 0) as u_status
    , coalesce(l.discharge_date, l.service_date)
      + to_days((getvariable('paid_lag_days__min') + floor(runif('lag', l.claim_id, 0, 0)
        * (getvariable('paid_lag_days__max') - getvariable('paid_lag_days__min') + 1)))::integer) as paid_date
    , case when l.is_commercial
        then getvariable('commercial__member_share_of_allowed') * (1.6 - 1.2 * (month(l.service_date) - 1) / 11)
        else getvariable('medicare_advantage__member_share_of_allowed') end as member_share
  from located l
  join provider_index p
    on p.practice_type = l.practice_type
    and p.scope_region = l.scope_region
    and p.idx = floor(runif('provider', l.provider_key, 0, 0) * l.providers)::integer
)
, adjudicated as (
  select
    claim_id, claim_line_number, member_id, provider_id, claim_type, service_category, place_of_service_code
    , service_date, discharge_date, paid_date, diagnosis_code_1, cd.icd10 as diagnosis_code_2, null::varchar as diagnosis_code_3
    , procedure_code, procedure_category, revenue_center_code, er_visit, admitted, allowed_amount
    , case when u_status < getvariable('claim_status__rejected') then 0.0
        else round(allowed_amount * (1 - member_share), 2) end as paid_amount
    , case when u_status < getvariable('claim_status__rejected') then 'rejected' else 'paid' end as claim_status
    , u_status >= getvariable('claim_status__rejected')
      and u_status < getvariable('claim_status__rejected') + getvariable('claim_status__reversed') as reversed_later
  from priced
  left join condition_codes cd on cd.condition = priced.condition_2
)
-- each reversed claim yields its original and, as a second row, the reversal
, with_reversals as (
  select *, unnest(case when reversed_later then [false, true] else [false] end) as reversal
  from adjudicated
)
select
  case when reversal then claim_id || 'R' else claim_id end as claim_id
  , claim_line_number, member_id, provider_id, claim_type, service_category, place_of_service_code
  , service_date, discharge_date
  , case when reversal then paid_date + to_days((20 + floor(runif('reversal', claim_id, 0, 0) * 40))::integer)
      else paid_date end as paid_date
  , diagnosis_code_1, diagnosis_code_2, diagnosis_code_3, procedure_code, procedure_category, revenue_center_code
  , er_visit, admitted
  , case when reversal then -allowed_amount else allowed_amount end as allowed_amount
  , case when reversal then -paid_amount else paid_amount end as paid_amount
  , case when reversal then 'reversed' else claim_status end as claim_status
from with_reversals
