-- Continuous-enrolment tests over a window [a, b] (HEDIS: at most one gap of at most max_gap
-- days; PQA adherence: max_gap 0, i.e. no gap), and enrolment on an anchor date.
-- grain: not a table (two scalar macros over stars_coverage_gaps, one statement each)
create or replace macro stars_ce(m, a, b, max_gap) as coalesce((
  select case count(*) when 0 then 0 when 1
      then max(datediff('day', greatest(g.gap_start, a::date), least(g.gap_end, b::date)) + 1) else 1e9 end
  from stars_coverage_gaps g
  where g.member_id = m and g.gap_start <= b::date and g.gap_end >= a::date
), 0) <= max_gap;
create or replace macro stars_enrolled_on(m, d) as not exists (
  select 1 from stars_coverage_gaps g where g.member_id = m and d::date between g.gap_start and g.gap_end
);
