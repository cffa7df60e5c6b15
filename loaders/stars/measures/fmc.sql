-- C21 Follow-up after ED Visit for People with Multiple High-Risk Chronic Conditions: ED visits of
-- members 18+ from January 1 to December 24 (partial year: 7 days before the data end) whose
-- member already has two or more different chronic conditions (COPD/asthma, dementia, CKD,
-- depression, heart failure, AMI, atrial fibrillation, stroke/TIA), each from two outpatient, ED or
-- telehealth visits on different dates or one inpatient stay, between January 1 of the year before
-- and the visit. Visits followed by an inpatient admission on days 0–7 are dropped, and so is a
-- visit within 7 days after the previous ED visit (one per 8-day window). Enrolled 365 days before
-- (one gap ≤ 45 days) and through 7 days after. A visit is followed up with an outpatient,
-- telehealth or transitional-care visit on days 0–7.
-- Member rows: denominator_events = eligible ED visits, numerator_events = followed up.
-- Exclusions: hospice, death.
-- grain: one row per member_id and measurement_year
with ed as (
  select distinct v.member_id, v.service_date as ed_date
  from stars_events v where v.value_set = 'ed_visit'
)
, conditions as (
  select distinct member_id, value_set, service_date, service_category
  from stars_events
  where value_set like 'fmc\_%' escape '\'
    and service_category in ('office_visit', 'telehealth', 'preventive', 'urgent_care', 'emergency_department', 'inpatient')
)
, visits as (
  select p.member_id, p.measurement_year, e.ed_date
    , lag(e.ed_date) over (partition by e.member_id order by e.ed_date) as previous_ed
  from ed e
  join stars_member_years p on p.member_id = e.member_id
    and e.ed_date between p.period_start
      and case when p.is_complete then make_date(p.measurement_year, 12, 24) else p.period_end - interval 7 day end
  where date_part('year', age(e.ed_date, p.birth_date)) >= 18
)
, chronic as (
  -- conditions established between January 1 of the year before and the visit
  select member_id, ed_date, count(*) as conditions
  from (
    select v.member_id, v.ed_date, c.value_set
    from visits v
    join conditions c on c.member_id = v.member_id
      and c.service_date between make_date(v.measurement_year - 1, 1, 1) and v.ed_date
    group by all
    having bool_or(c.service_category = 'inpatient') or count(distinct c.service_date) >= 2
  )
  group by all
)
, eligible as (
  select v.*
  from visits v
  join chronic c using (member_id, ed_date)
  where c.conditions >= 2
    and (v.previous_ed is null or v.ed_date > v.previous_ed + interval 7 day)
    and not exists (select 1 from stars_stays s where s.member_id = v.member_id
      and s.admission_date between v.ed_date and v.ed_date + interval 7 day)
    and stars_ce(v.member_id, v.ed_date - interval 365 day, v.ed_date, 45)
    and stars_ce(v.member_id, v.ed_date, v.ed_date + interval 7 day, 0)
)
, followed as (
  select e.*
    , (select max(f.service_date) from stars_events f where f.member_id = e.member_id
        and f.value_set = 'follow_up_visit' and f.service_date between e.ed_date and e.ed_date + interval 7 day) as follow_up
  from eligible e
)
select
  p.member_id, p.measurement_year, 'fmc' as measure_key, true as in_denominator
  , case when p.hospice then 'hospice' when p.died then 'death' end as exclusion_reason
  , bool_and(f.follow_up is not null) as compliant
  , max(coalesce(f.follow_up, f.ed_date)) as last_event_date
  , (max(f.ed_date) + interval 7 day)::date as due_date
  , count(*)::integer as denominator_events
  , count(f.follow_up)::integer as numerator_events
from followed f
join stars_member_years p using (member_id, measurement_year)
group by all
