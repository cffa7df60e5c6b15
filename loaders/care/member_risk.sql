-- Scored members with their region and caretaker. Caretakers are assigned within a region, round
-- robin over member_id, with as many caretakers as the caseload (400 members) requires, so an
-- assignment changes only when the region's membership does.
-- grain: one row per member_id
with scored as (
  select s.*, p.region, p.sex, datediff('year', p.birth_date, s.score_date::date)::integer as age
    , row_number() over (partition by p.region order by s.member_id) - 1 as k
    , ceil(count(*) over (partition by p.region) / 400.0)::integer as caretakers
  from care_member_scores s
  join care_population p using (member_id)
)
select member_id, contract_id, region, sex, age, score_date, probability, percentile, tier
  , tier_previous, reason_1, reason_2, reason_3
  , region || ' care team ' || (k % caretakers + 1)::varchar as caretaker
from scored
