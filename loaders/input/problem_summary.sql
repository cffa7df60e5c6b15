-- grain: one row: how many source rows were read and how many have at least one problem.
select
  (select count(*) from input_parsed)::integer as rows_read
  , (select count(distinct n) from input_problems)::integer as rows_rejected
