-- Identities the KPI tables must satisfy: segments add up to company-month totals, avoidable visits never
-- exceed ER visits, and the share of ER visits whose diagnosis the NYU table does not classify.
-- Segment NYU visits are rounded to 6 decimals per segment, hence the tolerance of 1e-4 on their sum, which
-- is taken in exact decimals so that the figure does not depend on DuckDB's summation order (thread count).
-- grain: one row per check
with segment_sums as (
  select company_id, year_month, dimension, sum(er_visits) as er_visits, sum(avoidable_er_visits_nyu::decimal(18, 6)) as nyu
  from company_month_segments
  group by all
)
, segment_gaps as (
  select max(abs(s.er_visits - k.er_visits)) as er_gap
    , max(abs(s.nyu - k.avoidable_er_visits_nyu::decimal(18, 6)))::double as nyu_gap
    , count(*) as n
  from segment_sums s
  join company_month_kpis k using (company_id, year_month)
)
, kpi as (
  select count(*) filter (where avoidable_er_visits_nyu > er_visits + 1e-9
      or avoidable_er_visits_proxy > er_visits) as over
    , sum(er_unclassified)::double / nullif(sum(er_visits), 0) as unclassified
    , count(*) as n
  from company_month_kpis
)
select 'kpis' as method, 'segments_add_up_er' as check_id
  , 'largest gap between a segment dimension''s ER visits and its company-month total' as description
  , coalesce(er_gap, 0)::double as value, 0::double as reference, 1e-9 as tolerance
  , coalesce(er_gap, 0) <= 1e-9 as passed, 'company_month_segments, company_month_kpis' as source
from segment_gaps
union all
select 'kpis', 'segments_add_up_nyu'
  , 'largest gap between a segment dimension''s NYU avoidable visits and its company-month total'
  , coalesce(nyu_gap, 0)::double, 0, 1e-4, coalesce(nyu_gap, 0) <= 1e-4
  , 'company_month_segments, company_month_kpis'
from segment_gaps
union all
select 'kpis', 'avoidable_within_er', 'company-months with more avoidable visits (proxy or NYU) than ER visits'
  , over::double, 0, null, over = 0, 'company_month_kpis'
from kpi
union all
select 'kpis', 'nyu_unclassified_share', 'share of ER visits whose primary diagnosis NYU/Johnston does not classify'
  , unclassified, null, null, null, 'company_month_kpis'
from kpi
