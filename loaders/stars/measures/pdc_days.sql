-- Proportion of days covered per treatment period (PQA; CMS Technical Notes Attachment L).
-- Inpatient stay days (discharge day included) are removed from the period: each day gets an
-- ordinal that skips stay days, a fill dated in a stay starts at the next day after it, and supply
-- is consumed only on ordinal days, so supply held during a stay covers the first uncovered days
-- after it. Within one ingredient an early refill starts the day after the previous supply ends:
--   last_k = S_k + max_{j≤k}(o_j − 1 − S_{j−1})   (S = running days' supply, o = fill ordinal);
-- different ingredients of the class are not shifted (a day is covered once).
--   PDC = |covered ordinals ∩ [1, N]| / N,   N = days in the period − stay days.
-- grain: one row per member_id, measurement_year and pdc_class
with stay_days as (
  select p.member_id, p.measurement_year, p.pdc_class
    , greatest(s.admission_date, p.ipsd) as s, least(s.discharge_date, p.treatment_end) as e
  from stars_pdc_periods p
  join stars_stays s on s.member_id = p.member_id and s.admission_date <= p.treatment_end and s.discharge_date >= p.ipsd
)
, period_days as (
  select p.member_id, p.measurement_year, p.pdc_class
    , datediff('day', p.ipsd, p.treatment_end) + 1 - coalesce(sum(datediff('day', d.s, d.e) + 1), 0) as n
  from stars_pdc_periods p
  left join stay_days d using (member_id, measurement_year, pdc_class)
  group by p.member_id, p.measurement_year, p.pdc_class, p.ipsd, p.treatment_end
)
, ordinals as (
  select f.member_id, f.measurement_year, f.pdc_class, f.ingredient, f.claim_id, f.fill_date, f.days_supply
    , 1 + datediff('day', p.ipsd, f.fill_date) - coalesce((
        select sum(greatest(0, datediff('day', d.s, least(d.e, f.fill_date - interval 1 day)) + 1))
        from stay_days d
        where d.member_id = f.member_id and d.measurement_year = f.measurement_year and d.pdc_class = f.pdc_class), 0) as o
  from stars_pdc_fills f
  join stars_pdc_periods p using (member_id, measurement_year, pdc_class)
  where f.fill_date <= p.treatment_end
)
, running as (
  select *, sum(days_supply) over w as s_incl
  from ordinals
  window w as (partition by member_id, measurement_year, pdc_class, ingredient order by fill_date, claim_id
    rows unbounded preceding)
)
, shifted as (
  select *, s_incl + max(o - 1 - (s_incl - days_supply)) over w as last_ord
  from running
  window w as (partition by member_id, measurement_year, pdc_class, ingredient order by fill_date, claim_id
    rows unbounded preceding)
)
, islands as (
  select *
    , case when last_ord - days_supply + 1 <= max(last_ord) over (partition by member_id, measurement_year, pdc_class
        order by last_ord - days_supply + 1, last_ord rows between unbounded preceding and 1 preceding) + 1
      then 0 else 1 end as starts_island
  from shifted
)
, merged as (
  select member_id, measurement_year, pdc_class, min(last_ord - days_supply + 1) as a, max(last_ord) as b
  from (
    select *, sum(starts_island) over (partition by member_id, measurement_year, pdc_class
      order by last_ord - days_supply + 1, last_ord rows unbounded preceding) as island
    from islands
  )
  group by member_id, measurement_year, pdc_class, island
)
select
  d.member_id, d.measurement_year, d.pdc_class
  , d.n::integer as days_in_period
  , coalesce(sum(greatest(0, least(m.b, d.n) - m.a + 1)), 0)::integer as days_covered
  , greatest(0, coalesce(max(m.b), 0) - d.n)::integer as days_supply_remaining
from period_days d
left join merged m using (member_id, measurement_year, pdc_class)
group by d.member_id, d.measurement_year, d.pdc_class, d.n
