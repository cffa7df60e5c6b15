-- C18 Plan All-Cause Readmissions, observed rate (CMS's score is observed/expected × the national
-- rate with NCQA's risk weights; Lodestar reports the observed rate).
-- Index stays: acute stays (direct transfers merged) of members 18+ discharged January 1 –
-- December 1 (partial year: 30 days before the data end), not same-day, not ending in death, not
-- with a pregnancy or perinatal principal diagnosis; enrolled 365 days before discharge (one gap
-- ≤ 45 days) and without a gap in the 30 days after. Members with 4+ index stays in the year are
-- outliers and all their stays are removed. A readmission is an unplanned acute admission 1–30
-- days after an index discharge; it counts only for the last index stay before it.
-- Member rows: denominator_events = index stays, numerator_events = readmitted index stays;
-- compliant = none readmitted. Exclusion: hospice.
-- grain: one row per member_id and measurement_year
with candidates as (
  select s.*, p.measurement_year
  from stars_stays s
  join stars_member_years p on p.member_id = s.member_id
    and s.discharge_date between p.period_start
      and case when p.is_complete then make_date(p.measurement_year, 12, 1) else p.period_end - interval 30 day end
  where date_part('year', age(s.discharge_date, p.birth_date)) >= 18
    and s.discharge_date > s.admission_date
    and (p.death_date is null or p.death_date > s.discharge_date)
    and not exists (select 1 from stars_value_sets v where v.value_set = 'perinatal' and v.code_type = 'icd10'
      and starts_with(upper(coalesce(s.principal_dx, '')), v.code))
    and stars_ce(s.member_id, s.discharge_date - interval 365 day, s.discharge_date, 45)
    and stars_ce(s.member_id, s.discharge_date, s.discharge_date + interval 30 day, 0)
)
, index_stays as (
  select * from candidates
  qualify count(*) over (partition by member_id, measurement_year) < 4
)
, planned as (
  select s.member_id, s.admission_date
    , exists (select 1 from stars_value_sets v where v.value_set = 'planned_admission'
        and ((v.code_type = 'icd10' and starts_with(upper(coalesce(s.principal_dx, '')), v.code))
          or (v.code_type = 'procedure_category' and v.code = s.procedure_category))) as is_planned
  from stars_stays s
)
, readmissions as (
  -- each unplanned admission attaches to the last index stay discharged before it
  select r.member_id, r.admission_date
    , max(i.discharge_date) as index_discharge
  from planned r
  join index_stays i on i.member_id = r.member_id and i.discharge_date < r.admission_date
  where not r.is_planned
  group by all
)
, scored as (
  select i.*
    , exists (select 1 from readmissions r where r.member_id = i.member_id and r.index_discharge = i.discharge_date
        and r.admission_date <= i.discharge_date + interval 30 day) as readmitted
  from index_stays i
)
select
  p.member_id, p.measurement_year, 'pcr' as measure_key, true as in_denominator
  , case when p.hospice then 'hospice' end as exclusion_reason
  , not bool_or(s.readmitted) as compliant
  , max(s.discharge_date) as last_event_date
  , (max(s.discharge_date) + interval 30 day)::date as due_date
  , count(*)::integer as denominator_events
  , count(*) filter (where s.readmitted)::integer as numerator_events
from scored s
join stars_member_years p using (member_id, measurement_year)
group by all
