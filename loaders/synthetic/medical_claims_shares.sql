-- The member's share of allowed by service month, as medical_claims.sql computes it: commercial
-- front-loaded by the deductible, MA constant.
-- grain: one row per month of the year
select
  m::integer as month
  , getvariable('commercial__member_share_of_allowed')
    * (1.6 - 1.2 * (month(make_date(2000, m::integer, 1)) - 1) / 11) as commercial
  , getvariable('medicare_advantage__member_share_of_allowed')::double as ma
from range(1, 13) t(m)
order by m
