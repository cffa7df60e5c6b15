-- grain: one row per problem, the first three of the table just validated (for error messages).
select
  n as row_number
  , column_name
  , value
  , reason
  , expected
from input_problems
order by n, ord
limit 3
