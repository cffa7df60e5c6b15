-- Office, specialist, telehealth, urgent-care, outpatient-procedure, imaging and dental events.
-- Each kind c has a member-month rate λ_c = (base_c,lob + per_condition_c·cc)/12 · frailty^0.5
-- (ambulatory use is less skewed than ER use); the month's total count is Poisson(Σλ_c) and each
-- event's kind is drawn with probability λ_c/Σλ_c.
-- grain: one row per event_id
with rates as (
  select
    x.*
    , sqrt(frailty) / 12 as scale
    , (case when is_commercial then getvariable('utilization__office_visit__commercial') else getvariable('utilization__office_visit__ma') end
      + getvariable('utilization__office_visit__per_condition') * cc) * scale as l_office
    , (case when is_commercial then getvariable('utilization__specialist_visit__commercial') else getvariable('utilization__specialist_visit__ma') end
      + getvariable('utilization__specialist_visit__per_condition') * cc) * scale as l_specialist
    , (case when is_commercial then getvariable('utilization__telehealth__commercial') else getvariable('utilization__telehealth__ma') end
      + getvariable('utilization__telehealth__per_condition') * cc) * scale as l_telehealth
    , (case when is_commercial then getvariable('utilization__urgent_care__commercial') else getvariable('utilization__urgent_care__ma') end
      + getvariable('utilization__urgent_care__per_condition') * cc) * scale * (1 + 0.4 * (respiratory - 1)) as l_urgent
    , (case when is_commercial then getvariable('utilization__outpatient_procedure__commercial') else getvariable('utilization__outpatient_procedure__ma') end
      + getvariable('utilization__outpatient_procedure__per_condition') * cc) * scale as l_procedure
    , (case when is_commercial then getvariable('utilization__imaging__commercial') else getvariable('utilization__imaging__ma') end
      + getvariable('utilization__imaging__per_condition') * cc) * scale as l_imaging
    , (case when is_commercial then getvariable('utilization__dental__commercial') else getvariable('utilization__dental__ma') end) / 12 as l_dental
  from exposure x
)
, counts as (
  select
    *
    , l_office + l_specialist + l_telehealth + l_urgent + l_procedure + l_imaging + l_dental as l_total
    , runif('amb_n', member_id, m, 0) as u_n
    , rpois(l_total, u_n) as n
  from rates
)
, events as (
  select *, unnest(range(n)) as k from counts
  -- a Poisson count is 0 exactly when u < e^(−λ) (rpois's first branch): such rows are dropped
  -- before the count is computed
  where u_n >= exp(-l_total)
)
select
  e.member_id || '-V' || lpad(e.m::varchar, 2, '0') || lpad(e.k::varchar, 2, '0') as event_id
  , e.member_id
  , e.is_commercial
  , e.region
  , e.cc
  , e.age
  , e.moy
  , e.month_start + to_days(floor(runif('amb_day', e.member_id, e.m, e.k)
      * (datediff('day', e.month_start, e.last_day_eligible) + 1))::integer) as service_date
  , runif('amb_kind', e.member_id, e.m, e.k) * e.l_total as u
  , case
      when u < e.l_office then 'office_visit'
      when u < e.l_office + e.l_specialist then 'specialist_visit'
      when u < e.l_office + e.l_specialist + e.l_telehealth then 'telehealth'
      when u < e.l_office + e.l_specialist + e.l_telehealth + e.l_urgent then 'urgent_care'
      when u < e.l_office + e.l_specialist + e.l_telehealth + e.l_urgent + e.l_procedure then 'outpatient_procedure'
      when u < e.l_total - e.l_dental then 'imaging'
      else 'dental'
    end as kind
  , case when e.cc > 0 and runif('amb_dx', e.member_id, e.m, e.k) < 0.65
      then cl.conditions[1 + floor(runif('amb_cond', e.member_id, e.m, e.k) * e.cc)::integer]
    end as condition
from events e
left join condition_lists cl using (member_id)
