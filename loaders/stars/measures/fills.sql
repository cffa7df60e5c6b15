-- Final-action prescription fills: paid (or status absent) and not cancelled by a reversal of the
-- same member, date, drug and days' supply. Combination products list each ingredient.
-- grain: one row per claim_id
select
  f.claim_id, f.member_id, f.dispensing_date, f.drug_name, f.drug_class, f.statin_intensity, f.days_supply
  , list_transform(string_split(lower(coalesce(f.ingredient, f.drug_name, '')), '+'), x -> trim(x)) as ingredients
from pharmacy_claims f
where coalesce(f.claim_status, 'paid') = 'paid'
  and not exists (
    select 1 from pharmacy_claims r
    where r.claim_status = 'reversed' and r.member_id = f.member_id and r.dispensing_date = f.dispensing_date
      and r.drug_name is not distinct from f.drug_name and r.days_supply = f.days_supply
  )
