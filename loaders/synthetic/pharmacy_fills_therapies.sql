-- The maintenance therapies the fills are made from, in member order, as numbers: the member's
-- index, the hash of therapy_id (two 32-bit halves), the drug's code and days since 1970-01-01.
-- grain: one row per therapy_id
select
  f.member_index
  , (hash(t.therapy_id) >> 32)::uinteger as hash_hi
  , (hash(t.therapy_id) & 4294967295)::uinteger as hash_lo
  , t.therapy_no::integer as therapy_no
  , d.drug_code
  , t.days_supply::integer as days_supply
  , t.adherence::double as adherence
  , (t.first_fill::date - date '1970-01-01')::integer as first_fill
  , t.fills_before_stop::integer as fills_before_stop
  , t.cost_30d::double as cost_30d
from therapies t
join fill_members f using (member_id)
join fill_drugs d
  on d.drug_name is not distinct from t.drug_name
  and d.ingredient is not distinct from t.ingredient
  and d.drug_class is not distinct from t.drug_class
  and d.statin_intensity is not distinct from t.statin_intensity
order by f.member_index, t.therapy_no
