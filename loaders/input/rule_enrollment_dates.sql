-- grain: one problem per eligibility row, valid otherwise, whose span ends before it starts.
insert into input_problems
select
  p.n
  , 1000
  , $column_name
  , strftime(p.enrollment_end_date, '%Y-%m-%d')
  , 'enrollment_end_date before enrollment_start_date'
  , 'on or after ' || strftime(p.enrollment_start_date, '%Y-%m-%d')
from input_parsed as p
where p.enrollment_end_date < p.enrollment_start_date
  and not exists (select 1 from input_problems as q where q.n = p.n)
