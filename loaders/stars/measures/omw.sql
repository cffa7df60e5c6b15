-- C10 Osteoporosis Management in Women who had a Fracture: women 67–85 on December 31 with a
-- fracture (initial encounter; not finger, toe, face or skull) between July 1 of the year before
-- and June 30 of the measurement year. The episode date is the visit date, or the discharge date
-- for an inpatient stay; episodes with a fracture in the 60 days before are dropped; the earliest
-- remaining episode (IESD) counts. Continuous enrolment 365 days before to 180 days after the IESD
-- (to the end of the period for the partial year). Compliant with a bone mineral density test or
-- an osteoporosis drug (dispensed or administered) from the IESD to 180 days after.
-- Exclusions: hospice, death, BMD test in the 730 days before, osteoporosis drug in the 365 days
-- before, palliative care, 67–80 frailty and advanced illness, 81+ frailty.
-- grain: one row per member_id and measurement_year
with fractures as (
  select p.member_id, p.measurement_year
    , case when v.service_category = 'inpatient' then v.end_date else v.service_date end as episode_date
  from stars_member_years p
  join stars_events v on v.member_id = p.member_id and v.value_set = 'fracture'
  where p.sex = 'F' and p.age between 67 and 85
)
, episodes as (
  select f.*
  from fractures f
  where f.episode_date between make_date(f.measurement_year - 1, 7, 1) and make_date(f.measurement_year, 6, 30)
    and not exists (select 1 from fractures g where g.member_id = f.member_id
      and g.episode_date >= f.episode_date - interval 60 day and g.episode_date < f.episode_date)
)
, iesd as (
  select member_id, measurement_year, min(episode_date) as iesd from episodes group by all
)
, facts as (
  select i.member_id, i.measurement_year
    , max(v.service_date) filter (where v.value_set in ('bone_mineral_density', 'osteoporosis_medication')
        and v.service_date between i.iesd and i.iesd + interval 180 day) as treated
    , bool_or(v.value_set = 'bone_mineral_density'
        and v.service_date between i.iesd - interval 730 day and i.iesd - interval 1 day) as prior_bmd
    , bool_or(v.value_set = 'osteoporosis_medication'
        and v.service_date between i.iesd - interval 365 day and i.iesd - interval 1 day) as prior_therapy
  from iesd i
  join stars_events v on v.member_id = i.member_id
    and v.value_set in ('bone_mineral_density', 'osteoporosis_medication')
  group by all
)
select
  p.member_id, p.measurement_year, 'omw' as measure_key
  , i.iesd <= p.period_end
    and stars_ce(p.member_id, i.iesd - interval 365 day, least(i.iesd + interval 180 day, p.period_end), 45)
    and stars_enrolled_on(p.member_id, least(i.iesd + interval 180 day, p.period_end)) as in_denominator
  , case
      when p.hospice then 'hospice'
      when p.died then 'death'
      when f.prior_bmd then 'bone density test in the 730 days before'
      when f.prior_therapy then 'osteoporosis therapy in the 365 days before'
      when p.palliative then 'palliative care'
      when p.age between 67 and 80 and p.frailty_advanced_illness then 'frailty and advanced illness'
      when p.age >= 81 and p.frail then 'frailty (81 and older)'
    end as exclusion_reason
  , f.treated is not null as compliant
  , coalesce(f.treated, i.iesd) as last_event_date
  , (i.iesd + interval 180 day)::date as due_date
from iesd i
join stars_member_years p using (member_id, measurement_year)
left join facts f using (member_id, measurement_year)
