-- Facts the alert rules read, one kind per row: ER visits and discharges (with the first
-- primary-care contact within 7 days) of the last two months, open gaps with their due date, and
-- adherence rows with the last day their supply covered. Dates are YYYY-MM-DD.
-- grain: one row per kind, member_id, date_1 and key
with y as (select * from care_current_year)
select 'er_visit' as kind, v.member_id, strftime(v.visit_date, '%Y-%m-%d') as date_1, null as date_2
  , v.claim_id as key, null::double as x1, null::double as x2, null::double as x3
from care_er_visits v, y where v.visit_date > y.as_of - interval 2 month
union all
select 'discharge', s.member_id, strftime(s.discharge_date, '%Y-%m-%d')
  , (select strftime(min(c.contact_date), '%Y-%m-%d') from care_contacts c
     where c.member_id = s.member_id and c.contact_date between s.discharge_date and s.discharge_date + 7)
  , strftime(s.admission_date, '%Y-%m-%d'), null, null, null
from care_stays s, y where s.discharge_date > y.as_of - interval 2 month
union all
select 'gap', g.member_id, g.due_date
  , case when g.measure_key in ('fmc', 'pcr', 'omw') then g.last_event_date end
  , g.measure_key, null, null, null
from care_gap_candidates g where g.gap_open
union all
select 'adherence', m.member_id
  , (select strftime(max(f.fill_date + f.days_supply - 1), '%Y-%m-%d') from stars_pdc_fills f
     where f.member_id = m.member_id and f.measurement_year = m.measurement_year
       and 'pdc_' || f.pdc_class = m.measure_key)
  , null, m.measure_key, m.pdc, m.days_covered, m.days_in_period
from member_measures m, y
where m.measurement_year = y.measurement_year and m.measure_key like 'pdc_%' and m.in_denominator
  and not m.excluded and m.pdc is not null
