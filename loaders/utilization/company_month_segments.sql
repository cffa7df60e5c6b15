-- Where and with whom avoidable ER use happens: ER visits, both avoidable-ER counts and their paid
-- amounts per company-month, cut by the member's region and town of residence and by the ER
-- facility's network tier, practice type and provider id. Missing attributes read 'Unknown'.
-- grain: one row per company_id, year_month, dimension and value
with v as (
  select
    e.company_id
    , e.year_month
    , coalesce(m.region, 'Unknown') as region
    , coalesce(m.town, 'Unknown') as town
    , coalesce(p.network_tier, 'Unknown') as network
    , coalesce(p.practice_type, 'Unknown') as practice_type
    , coalesce(e.provider_id, 'Unknown') as provider
    , e.paid
    , e.admitted
    , e.avoidable_probability
  from company_er_visits e
  left join members m using (member_id)
  left join providers p using (provider_id)
)
, long as (
  unpivot v on region, town, network, practice_type, provider into name dimension value value
)
select
  company_id
  , year_month
  , dimension
  , value
  , count(*)::integer as er_visits
  , round(sum(paid), 2) as er_paid
  , (count(*) filter (where not admitted))::integer as avoidable_er_visits_proxy
  , round(coalesce(sum(paid) filter (where not admitted), 0), 2) as avoidable_er_paid_proxy
  , round(sum(avoidable_probability), 6) as avoidable_er_visits_nyu
  , round(sum(avoidable_probability * paid), 2) as avoidable_er_paid_nyu
from long
group by all
order by company_id, year_month, dimension, value
