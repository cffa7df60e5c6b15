-- grain: one row per column of the feature table, in table order
select column_name, data_type
from information_schema.columns
where table_name = '$table'
order by ordinal_position
