-- What answered the recommendations and whether each one states the figures it relies on.
-- grain: one row per check
select 'recommendations' as method, 'rows' as check_id, 'recommendations written' as description
  , count(*)::double as value, null::double as reference, null::double as tolerance, null::boolean as passed
  , 'recommendations' as source
from recommendations
union all
select 'recommendations', 'from_rules', 'recommendations answered by the rule library (no model call)'
  , count(*) filter (where source = 'rules')::double, null, null, null, 'recommendations'
from recommendations
union all
select 'recommendations', 'fallbacks', 'model answers replaced by the rule library (timeout, error or failed check)'
  , count(*) filter (where note is not null)::double, null, null, null, 'recommendations'
from recommendations
union all
select 'recommendations', 'figures_stated', 'recommendations that state the figures they rely on'
  , count(*) filter (where length(trim(figures_used)) > 2)::double, count(*)::double, null
  , count(*) filter (where length(trim(figures_used)) > 2) = count(*), 'recommendations'
from recommendations
