-- The rows DuckDB read from a delimited file, numbered as in the file: a kept row's number is its
-- position g among the kept rows plus the malformed rows before it,
--   n(g) = g + #{j : r_j − j + 1 ≤ g}   (r_1 < r_2 < … the malformed rows' numbers, j 1-based)
-- found by an as-of join on the thresholds t_j = r_j − j + 1 (non-decreasing; ties keep the last j).
-- grain: one row per kept data row (n)
with kept as (
  select rowid + 1 as g, * from csv_rows
)
, thresholds as (
  select t, max(j) as j
  from (select row_number - row_number() over (order by row_number) + 1 as t
    , row_number() over (order by row_number) as j from csv_malformed)
  group by t
)
select (k.g + coalesce(t.j, 0))::integer as n, k.* exclude (g)
from kept k
asof left join thresholds t on k.g >= t.t
order by k.g
