-- Preventive and monitoring events the star measures count (screenings, tests, exams, readings).
-- For each member-year and each event the member is eligible for (line of business, sex, age on
-- Dec 31, condition), the event happens with probability
--   p = 1 − (1 − sigmoid(logit(p_annual) + sd·z_contract,year))^(months enrolled / 12)
-- where z is the contract's latent quality for the event that year (persistent across years with
-- the scenario's ρ; 0 for commercial members). Results (CPT II codes) are good with the event's
-- good_probability, shifted by the same contract effect.
-- grain: one row per care_event_id
with member_years as (
  select
    member_id
    , is_commercial
    , any_value(contract_id) as contract_id
    , year(month_start) as yr
    , any_value(sex) as sex
    , floor(max(age))::integer as age
    , any_value(region) as region
    , count(*) as months_enrolled
    , list(month_start order by month_start) as month_starts
    , list(last_day_eligible order by month_start) as month_ends
  from exposure
  group by member_id, is_commercial, yr
)
, eligible as (
  select
    y.*
    , e.*
    , coalesce(z.z, 0) as z
  from (select y.*, coalesce(cl.conditions, []) as conditions from member_years y left join condition_lists cl using (member_id)) y
  join care_event_params e
    on (e.lob = 'all' or (e.lob = 'medicare_advantage') = (not y.is_commercial))
    and (e.sex is null or e.sex = y.sex)
    and y.age between e.min_age and e.max_age
    and (e.condition is null or list_contains(y.conditions, e.condition))
  left join contract_event_effects z
    on z.contract_id = y.contract_id and z.event = e.event and z.yr = y.yr
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
  -- a day in one of the member's enrolled months of that year
  , 1 + floor(runif('care_month', member_id, event, yr) * months_enrolled)::integer as month_pick
  , month_starts[month_pick] + to_days(floor(runif('care_day', member_id, event, yr)
      * (datediff('day', month_starts[month_pick], month_ends[month_pick]) + 1))::integer) as service_date
  , case when result_codes_good is not null then
      case when runif('care_result', member_id, event, yr) < sigmoid(logit(good_probability) + 0.8 * contract_sd * z)
        then string_split(result_codes_good, '|')[1 + floor(runif('care_code', member_id, event, yr) * len(string_split(result_codes_good, '|')))::integer]
        else string_split(result_codes_bad, '|')[1 + floor(runif('care_code', member_id, event, yr) * len(string_split(result_codes_bad, '|')))::integer]
      end
    end as result_codes
from eligible
where runif('care', member_id, event, yr)
  < 1 - pow(1 - sigmoid(logit(annual_probability) + contract_sd * z), months_enrolled / 12)
