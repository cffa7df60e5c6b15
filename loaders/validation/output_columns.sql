-- Every output's columns and types from DuckDB's catalogue (after output_tables exists).
-- grain: one row per output table and column
select c.table_name, c.column_index::integer as ordinal, c.column_name, c.data_type as column_type
from duckdb_columns() c
join output_tables o using (table_name)
where c.schema_name = 'main'
