-- grain: one reject per row of input_check whose provider_id is not in providers (the row stays loaded).
insert into rejects
select
  $table_name
  , $file
  , c.row_number
  , $column_name
  , c.provider_id
  , 'referential: unknown provider_id'
  , 'a provider_id loaded from ' || $providers_file
from input_check as c
where c.provider_id is not null
  and not exists (select 1 from providers as p where p.provider_id = c.provider_id)
order by c.row_number
