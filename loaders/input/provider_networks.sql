-- grain: one row per distinct provider network_tier label, with how many providers carry it.
select
  network_tier
  , count(*)::integer as providers
from providers
group by network_tier
order by network_tier
