-- The maintenance therapies the fills are made from, in member order (days since 1970-01-01).
-- grain: one row per therapy_id
select
  member_id, therapy_id, therapy_no, drug_name, ingredient, drug_class, statin_intensity, days_supply
  , adherence, (first_fill::date - date '1970-01-01')::integer as first_fill, fills_before_stop, cost_30d
from therapies
order by member_id, therapy_no
