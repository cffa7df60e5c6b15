-- Days a Medicare Advantage member was not enrolled between the first and last day of the data:
-- before the first span, between spans (overlapping or adjacent spans merge), after the last.
-- grain: one row per member_id and gap_start
with bounds as (
  select min(data_start) as data_start, max(data_end) as data_end from stars_years
)
, spans as (
  select e.member_id, e.enrollment_start_date as s, e.enrollment_end_date as e
  from eligibility e join members m using (member_id)
  where m.line_of_business = 'medicare_advantage'
)
, ordered as (
  select *
    , max(e) over (partition by member_id order by s, e rows between unbounded preceding and 1 preceding) as prev_end
  from spans
)
, gaps as (
  select member_id, prev_end + 1 as gap_start, s - 1 as gap_end from ordered where s > prev_end + 1
  union all
  select member_id, any_value(b.data_start), min(s) - 1 from ordered, bounds b
  group by member_id having min(s) > any_value(b.data_start)
  union all
  select member_id, max(e) + 1, any_value(b.data_end) from ordered, bounds b
  group by member_id having max(e) < any_value(b.data_end)
)
select member_id, gap_start::date as gap_start, gap_end::date as gap_end from gaps
