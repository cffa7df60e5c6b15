-- Fills of the adherence measures' target drugs in each measurement year (to the period end), one
-- row per target ingredient: combination products count for each target ingredient; partners that
-- are not targets (hydrochlorothiazide, amlodipine, …; value set pdc_non_target) are dropped.
-- grain: one row per claim_id and ingredient
with classed as (
  select f.*
    , case f.drug_class when 'diabetes_oral' then 'diabetes' when 'ras_antagonist' then 'ras'
        when 'statin' then 'statins' end as pdc_class
  from stars_fills f
)
select p.member_id, p.measurement_year, c.pdc_class, i.ingredient, c.claim_id, c.dispensing_date as fill_date, c.days_supply
from classed c
cross join lateral (select unnest(c.ingredients) as ingredient) i
join stars_member_years p on p.member_id = c.member_id
  and c.dispensing_date between p.period_start and p.period_end
where c.pdc_class is not null
  and i.ingredient not in (select code from stars_value_sets where value_set = 'pdc_non_target')
