-- Final-action prescription fills of Medicare Advantage members that a measure reads (the
-- adherence, statin, diabetes and osteoporosis classes, or an ingredient in a value set): paid (or
-- status absent) and not cancelled by a reversal of the same member, date, drug and days' supply.
-- Combination products list each ingredient.
-- grain: one row per claim_id
with fills as (
  select
    f.claim_id, f.member_id, f.dispensing_date, f.drug_name, f.drug_class, f.statin_intensity, f.days_supply
    , list_transform(string_split(lower(coalesce(f.ingredient, f.drug_name, '')), '+'), x -> trim(x)) as ingredients
  from pharmacy_claims f
  where coalesce(f.claim_status, 'paid') = 'paid'
    and f.member_id in (select member_id from members where line_of_business = 'medicare_advantage')
    and not exists (
      select 1 from pharmacy_claims r
      where r.claim_status = 'reversed' and r.member_id = f.member_id and r.dispensing_date = f.dispensing_date
        and r.drug_name is not distinct from f.drug_name and r.days_supply = f.days_supply
    )
)
select *
from fills
where drug_class in ('statin', 'ras_antagonist', 'diabetes_oral', 'insulin', 'osteoporosis')
  or list_has_any(ingredients, (select list(code) from stars_value_sets where code_type = 'ingredient'))
