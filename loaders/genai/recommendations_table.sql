-- grain: one row per subject type and subject id (a weak measure `contract/measure` or a company)
create or replace table recommendations (
  subject_type varchar not null
  , subject_id varchar not null
  , actions varchar not null
  , rationale varchar not null
  , expected_effect varchar not null
  , figures_used varchar not null
  , source varchar not null
  , note varchar
  , generated_date date not null
  , cache_key varchar not null
  , primary key (subject_type, subject_id)
)
