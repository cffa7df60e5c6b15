-- grain: one row per problem found in an input row (a row may have several).
-- row_number is the 1-based data row of the source file (the header is not counted).
create table rejects (
  table_name varchar
  , file varchar
  , row_number integer
  , column_name varchar
  , value varchar
  , reason varchar
  , expected varchar
)
