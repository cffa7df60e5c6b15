-- grain: one reject per problem of the table just validated, in source row order.
insert into rejects
select
  $table_name
  , $file
  , n
  , column_name
  , value
  , reason
  , expected
from input_problems
order by n, ord
