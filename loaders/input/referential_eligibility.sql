-- grain: one reject per row of input_check for a known member whose event_date lies in none of
-- that member's eligibility spans (the row stays loaded). Unknown members are flagged once, by
-- referential_member.sql, not again here.
insert into rejects
select
  $table_name
  , $file
  , c.row_number
  , $column_name
  , strftime(c.event_date, '%Y-%m-%d')
  , 'referential: ' || $date_column || ' outside every eligibility span of the member'
  , 'a date within an eligibility span of member ' || c.member_id
from input_check as c
where c.event_date is not null
  and exists (select 1 from members as m where m.member_id = c.member_id)
  and not exists (
    select 1
    from eligibility as e
    where e.member_id = c.member_id
      and c.event_date between e.enrollment_start_date and e.enrollment_end_date
  )
order by c.row_number
