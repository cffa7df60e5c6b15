-- grain: one reject per row of input_check whose member_id is not in members (the row stays loaded).
insert into rejects
select
  $table_name
  , $file
  , c.row_number
  , $column_name
  , c.member_id
  , 'referential: unknown member_id'
  , 'a member_id loaded from ' || $members_file
from input_check as c
where c.member_id is not null
  and not exists (select 1 from members as m where m.member_id = c.member_id)
order by c.row_number
