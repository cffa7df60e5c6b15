-- grain: one row per input table × reason: how many rejected cells, in how many source rows, with the
-- first example's file, row, column and what was expected. No rejected value is carried: rejects can hold
-- member identifiers, and this summary is what the reviewer's pages read.
select
  table_name
  , reason
  , count(*)::integer as problems
  , count(distinct (file, row_number))::integer as rows
  , arg_min(file, (file, row_number, column_name)) as example_file
  , arg_min(row_number, (file, row_number, column_name)) as example_row
  , arg_min(column_name, (file, row_number, column_name)) as example_column
  , arg_min(expected, (file, row_number, column_name)) as expected
from rejects
group by table_name, reason
