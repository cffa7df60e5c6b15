-- Rows of a delimited file that DuckDB's reader kept out (store_rejects): one row per data row,
-- with the number of fields found. DuckDB numbers records from the header (line 1) and reports a
-- short row once per missing field ("Found" = fields so far, the least is the real count) and a
-- long row once per extra field (the most is the real count).
-- grain: one row per malformed data row (row_number)
with errors as (
  select line, csv_line, error_type
    , try_cast(regexp_extract(error_message, 'Found: (\d+)', 1) as integer) as found
  from csv_errors
)
select
  (line - 1)::integer as row_number
  , left(min(csv_line), 200) as text
  , case
      when bool_or(error_type = 'TOO MANY COLUMNS') then 'has ' || max(found) || ' fields'
      when bool_or(error_type = 'MISSING COLUMNS') then 'has ' || min(found) || case when min(found) = 1 then ' field' else ' fields' end
      else 'cannot be read (' || lower(min(error_type)) || ')'
    end as reason
from errors
group by line
order by line
