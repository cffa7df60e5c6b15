-- Synthetic people with their latent traits and enrollment window, before projection to the
-- contract tables.
-- grain: one row per member_id
with region_towns as (
  select region, list(town order by town) as towns, count(*) as n_towns
  from places
  group by region
)
, all_regions as (
  select list(region order by region) as regions, count(*) as n_regions from region_towns
)
, januaries as (
  select list(m order by m) as months
  from range(1, getvariable('months')) r(m)
  where month(getvariable('start_date')::date + to_months(m::integer)) = 1
)
, households as (
  select
    c.company_id
    , c.region as company_region
    , c.town as company_town
    , unnest(range(c.employees)) as employee_no
  from companies c
)
, household_sizes as (
  select
    *
    , runif('hh_size', company_id, employee_no, 0) as u
    , 1 + (u > getvariable('mix1'))::integer + (u > getvariable('mix2'))::integer
      + (u > getvariable('mix3'))::integer + (u > getvariable('mix4'))::integer
      + (u > getvariable('mix5'))::integer as size
    , runif('hh_start', company_id, employee_no, 0) as u_start
    , runif('hh_start_month', company_id, employee_no, 0) as u_start_month
    , runif('hh_end', company_id, employee_no, 0) as u_end
    , runif('hh_tier', company_id, employee_no, 0) as u_tier
    , runif('hh_town', company_id, employee_no, 0) as u_town
  from households
)
, commercial as (
  select
    h.company_id
    , h.employee_no
    , unnest(range(h.size)) as person_no
    , h.size
    , h.company_region as region
    , h.company_town
    , h.u_town
    , case when h.u_start < getvariable('commercial__enrolled_at_start') then 0
        else 1 + floor(h.u_start_month * (getvariable('months') - 1))::integer end as start_m
    , ln(h.u_end) / ln(1 - getvariable('commercial__early_termination_per_year') / 12) as months_to_end
    , case when h.u_tier < getvariable('commercial__network_tier_mix__preferred') then 'preferred'
        when h.u_tier < getvariable('commercial__network_tier_mix__preferred')
          + getvariable('commercial__network_tier_mix__standard') then 'standard'
        else 'out_of_network' end as network_tier
  from household_sizes h
)
, commercial_people as (
  select
    'M' || company_id[2:] || '-' || lpad(employee_no::varchar, 5, '0') || '-' || person_no as member_id
    , 'M' || company_id[2:] || '-' || lpad(employee_no::varchar, 5, '0') || '-0' as subscriber_id
    , 'commercial' as line_of_business
    , company_id
    , null::varchar as contract_id
    , region
    , case when u_town < 0.7 then company_town
        else rt.towns[1 + floor(runif('town', company_id, employee_no, 0) * rt.n_towns)::integer] end as town
    , network_tier
    -- subscriber age ~ triangular(min, max, mode) by inversion; spouse near it; children 0-25
    , runif('age', company_id, employee_no, person_no) as u_age
    , getvariable('commercial__subscriber_age__min') as a
    , getvariable('commercial__subscriber_age__max') as b
    , getvariable('commercial__subscriber_age__mode') as m
    , runif('sub_age', company_id, employee_no, 0) as u_sub
    , floor(case when u_sub < (m - a) / (b - a) then a + sqrt(u_sub * (b - a) * (m - a))
        else b - sqrt((1 - u_sub) * (b - a) * (b - m)) end)::integer as subscriber_age
    , case
        when person_no = 0 then subscriber_age
        when person_no = 1 and runif('spouse', company_id, employee_no, 0) < 0.75
          then greatest(18, least(64, subscriber_age + round(3 * rnorm('spouse_age', company_id, employee_no, 0))::integer))
        else least(floor(u_age * 26)::integer, greatest(0, subscriber_age - 18))
      end as age
    , case
        when person_no = 0 then case when runif('sex', company_id, employee_no, 0) < 0.5 then 'F' else 'M' end
        when person_no = 1 and runif('spouse', company_id, employee_no, 0) < 0.75 then
          case when runif('sex', company_id, employee_no, 0) < 0.5 then 'M' else 'F' end
        else case when runif('sex', company_id, employee_no, person_no) < 0.49 then 'F' else 'M' end
      end as sex
    , false as dual_eligible
    , false as low_income_subsidy
    , start_m
    , least(getvariable('months') - 1, start_m + floor(months_to_end)::integer) as end_m
    , null::integer as death_m
    , company_id || ':' || employee_no as household
  from commercial c
  join region_towns rt using (region)
)
, ma as (
  select
    k.contract_id
    , k.region as contract_region
    , unnest(range(k.members)) as n
  from contracts k
)
, ma_people as (
  select
    'M' || contract_id || '-' || lpad(n::varchar, 6, '0') as member_id
    , 'M' || contract_id || '-' || lpad(n::varchar, 6, '0') as subscriber_id
    , 'medicare_advantage' as line_of_business
    , null::varchar as company_id
    , contract_id
    , case when runif('ma_region', contract_id, n, 0) < 0.8 then contract_region
        else ar.regions[1 + floor(runif('ma_region2', contract_id, n, 0) * ar.n_regions)::integer]
      end as region
    , runif('ma_town', contract_id, n, 0) as u_town
    , case when runif('ma_tier', contract_id, n, 0) < 0.62 then 'preferred' else 'standard' end as network_tier
    , runif('ma_disabled', contract_id, n, 0) < getvariable('medicare_advantage__under_65_disabled') as disabled
    , case when disabled then 40 + floor(runif('ma_age', contract_id, n, 0) * 25)::integer
        else least(100, 65 + floor(-ln(runif('ma_age', contract_id, n, 0)) * 9.5)::integer) end as age
    , case when runif('sex', contract_id, n, 0) < getvariable('medicare_advantage__female') then 'F' else 'M' end as sex
    , runif('ma_dual', contract_id, n, 0) < getvariable('medicare_advantage__dual_eligible') * (case when disabled then 2.2 else 0.85 end) as dual_eligible
    , dual_eligible or runif('ma_lis', contract_id, n, 0) < getvariable('medicare_advantage__lis_non_dual') as low_income_subsidy
    -- joiners mostly in January (annual election period)
    , case when runif('ma_start', contract_id, n, 0) < getvariable('medicare_advantage__enrolled_at_start') then 0
        when runif('ma_jan', contract_id, n, 0) < 0.7 and len(j.months) > 0 then
          j.months[1 + floor(runif('ma_jan_pick', contract_id, n, 0) * len(j.months))::integer]
        else 1 + floor(runif('ma_start_month', contract_id, n, 0) * (getvariable('months') - 1))::integer
      end as start_m
    , ln(runif('ma_end', contract_id, n, 0)) / ln(1 - getvariable('medicare_advantage__disenrollment_per_year') / 12) as months_to_end
    -- monthly death hazard from an annual mortality that grows exponentially with age past 65
    , greatest(age, 65) as hazard_age
    , 1 - pow(1 - least(0.5, getvariable('medicare_advantage__annual_mortality_65')
        * exp(getvariable('medicare_advantage__mortality_growth_per_year') * (hazard_age - 65))), 1 / 12) as death_hazard
    , ln(runif('ma_death', contract_id, n, 0)) / ln(1 - death_hazard) as months_to_death
  from ma, all_regions ar, januaries j
)
, ma_final as (
  select
    member_id, subscriber_id, line_of_business, company_id, contract_id, region
    , rt.towns[1 + floor(u_town * rt.n_towns)::integer] as town
    , network_tier, age, sex, dual_eligible, low_income_subsidy, start_m
    , least(getvariable('months') - 1, start_m + floor(least(months_to_end, months_to_death))::integer) as end_m
    , case when months_to_death < months_to_end and start_m + floor(months_to_death) < getvariable('months')
        then start_m + floor(months_to_death)::integer end as death_m
    , member_id as household
  from ma_people m
  join region_towns rt using (region)
)
, everyone as (
  select member_id, subscriber_id, line_of_business, company_id, contract_id, region, town, network_tier
    , age, sex, dual_eligible, low_income_subsidy, start_m, end_m, death_m, household
  from commercial_people
  union all
  select * from ma_final
)
select
  *
  -- age on the first day of the data window; birth day spread over the year before
  , getvariable('start_date')::date - to_years(age)
    - to_days(floor(runif('birth', member_id, 0, 0) * 365)::integer) as birth_date
  -- latent health burden h ~ N(0,1) and frailty z (correlated with h) for utilization
  , rnorm('burden', member_id, 0, 0) as burden
  , 0.5 * burden + sqrt(0.75) * rnorm('frailty', member_id, 0, 0) as frailty_z
  , case when death_m is not null then getvariable('start_date')::date + to_months(death_m)
      + to_days(floor(runif('death_day', member_id, 0, 0) * 28)::integer) end as death_date
from everyone
