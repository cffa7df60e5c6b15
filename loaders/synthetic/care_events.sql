-- Preventive and monitoring events the star measures count (screenings, tests, exams, readings).
-- For each member-year and each event the member is eligible for (line of business, sex, age on
-- Dec 31, condition), the event happens with probability
--   p = 1 − (1 − sigmoid(logit(p_annual) + sd·z_contract,year))^(months enrolled / 12)
-- where z is the contract's latent quality for the event that year (persistent across years with
-- the scenario's ρ; 0 for commercial members). Results (CPT II codes) are good with the event's
-- good_probability, shifted by the same contract effect.
-- grain: one row per care_event_id
-- Member-years come straight from the enrollment spans (a few rows per member, not one per
-- member-month): months m = 0 … months − 1 of the window, split by calendar year.
with spans as (
  select
    e.member_id
    , greatest(0, datediff('month', getvariable('start_date')::date, e.enrollment_start_date))::integer as s
    , least(getvariable('months') - 1, datediff('month', getvariable('start_date')::date, e.enrollment_end_date))::integer as e
  from eligibility e
)
, span_years as (
  -- m of January of year yr is 12·(yr − first year) − (first month − 1)
  select
    member_id
    , s
    , e
    , unnest(range(year(getvariable('start_date')::date + to_months(s)), year(getvariable('start_date')::date + to_months(e)) + 1)) as yr
    , (yr - year(getvariable('start_date')::date)) * 12 - (month(getvariable('start_date')::date) - 1) as january_m
  from spans
  where s <= e
)
, span_year_months as (
  select member_id, yr, greatest(s, january_m)::integer as lo, least(e, january_m + 11)::integer as hi
  from span_years
)
, member_years as (
  -- grouped by member and year alone (small keys); the member's attributes are joined after
  select
    y.member_id
    , p.line_of_business = 'commercial' as is_commercial
    , p.contract_id
    , y.yr
    , p.sex
    -- age at the member-year's last enrolled month (as the exposure table ages members)
    , floor(p.age + y.last_m / 12.0)::integer as age
    , p.region
    , p.death_date
    , y.months_enrolled
    , y.enrolled_months
  from (
    select
      member_id
      , yr
      , max(hi) as last_m
      , sum(hi - lo + 1)::bigint as months_enrolled
      -- the enrolled month numbers in calendar order (read only for the events that happen)
      , list_sort(flatten(list(range(lo, hi + 1)))) as enrolled_months
    from span_year_months
    group by member_id, yr
  ) y
  join people p using (member_id)
)
, eligible as (
  select
    y.* exclude (enrolled_months)
    , e.*
    , coalesce(z.z, 0) as z
  from (select y.*, coalesce(cl.conditions, []) as conditions from member_years y left join condition_lists cl using (member_id)) y
  -- one parameter row per eligible age, so the age test is an equi-join (no range join)
  join (select *, unnest(range(min_age, max_age + 1)) as eligible_age from care_event_params) e
    on e.eligible_age = y.age
    and (e.lob = 'all' or (e.lob = 'medicare_advantage') = (not y.is_commercial))
    and (e.sex is null or e.sex = y.sex)
    and (e.condition is null or list_contains(y.conditions, e.condition))
  left join contract_event_effects z
    on z.contract_id = y.contract_id and z.event = e.event and z.yr = y.yr
)
, happened as (
  select
    *
    -- which of the member's enrolled months of that year
    , 1 + floor(runif('care_month', member_id, event, yr) * months_enrolled)::integer as month_pick
  from eligible
  where runif('care', member_id, event, yr)
    < 1 - pow(1 - sigmoid(logit(annual_probability) + contract_sd * z), months_enrolled / 12)
)
, picked as (
  -- the picked month's first and last eligible day
  select
    h.*
    , (getvariable('start_date')::date + to_months(y.enrolled_months[h.month_pick]::integer))::date as first_day
    , least(last_day(first_day), coalesce(h.death_date, date '9999-12-31')) as last_day
  from happened h
  join member_years y using (member_id, yr)
)
select
  member_id || '-' || event || '-' || yr as care_event_id
  , member_id
  , is_commercial
  , region
  , event
  , procedure_code
  , procedure_category
  , service_category
  , practice_type
  , cost_key
  , place_of_service
  , month_pick
  -- a day in the picked month
  , first_day + to_days(floor(runif('care_day', member_id, event, yr) * (datediff('day', first_day, last_day) + 1))::integer)
    as service_date
  , case when result_codes_good is not null then
      case when runif('care_result', member_id, event, yr) < sigmoid(logit(good_probability) + 0.8 * contract_sd * z)
        then string_split(result_codes_good, '|')[1 + floor(runif('care_code', member_id, event, yr) * len(string_split(result_codes_good, '|')))::integer]
        else string_split(result_codes_bad, '|')[1 + floor(runif('care_code', member_id, event, yr) * len(string_split(result_codes_bad, '|')))::integer]
      end
    end as result_codes
from picked
