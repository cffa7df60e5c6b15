-- grain: one row per problem of a source row (n) of the table being loaded; ord orders the
-- problems of a row (columns in contract order, then row rules, then the duplicate key).
create or replace table input_problems (
  n integer
  , ord integer
  , column_name varchar
  , value varchar
  , reason varchar
  , expected varchar
)
