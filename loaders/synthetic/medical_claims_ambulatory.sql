-- Ambulatory events in member order, then in event-id order: the member, m·100 + k from the event
-- id (`<member>-V<mm><kk>`), the day, the kind's code (its position in the list below, from 0) and
-- the condition's code (its rank among the conditions; −1 for none).
-- grain: one row per event_id
select
  c.member_index
  , substr(e.event_id, length(e.member_id) + 3)::integer as mmkk
  , (e.service_date::date - date '1970-01-01')::integer as day
  , (list_position(
      ['office_visit', 'specialist_visit', 'telehealth', 'urgent_care', 'outpatient_procedure', 'imaging', 'dental'],
      e.kind
    ) - 1)::integer as kind
  , coalesce(k.code, -1)::integer as condition
from ambulatory_events e
join claim_members c using (member_id)
left join (
  select condition, (row_number() over (order by condition) - 1)::integer as code from condition_codes
) k on k.condition = e.condition
order by c.member_index, mmkk
