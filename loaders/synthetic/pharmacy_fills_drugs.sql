-- The maintenance drugs of the therapies, numbered (drug_code), with the text the fills carry.
-- grain: one row per drug_name, ingredient, drug_class and statin_intensity
create or replace temp table fill_drugs as
select (row_number() over (order by drug_name, ingredient, drug_class, statin_intensity) - 1)::integer as drug_code, *
from (select distinct drug_name, ingredient, drug_class, statin_intensity from therapies)
