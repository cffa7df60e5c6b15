-- Care events in member order, then in event-id order (`<member>-<event>-<year>`): the member, the
-- event's code (its rank among care_event_params' events), the year, the day and the result codes'
-- code (rank among their values; −1: none).
-- grain: one row per care_event_id
select
  c.member_index
  , p.code as event
  , substr(e.care_event_id, length(e.member_id) + length(e.event) + 3)::integer as yr
  , (e.service_date::date - date '1970-01-01')::integer as day
  , coalesce(r.code, -1)::integer as result
from care_events e
join claim_members c using (member_id)
join (select event, (row_number() over (order by event) - 1)::integer as code from care_event_params) p
  using (event)
left join (
  select result_codes, (row_number() over (order by result_codes) - 1)::integer as code
  from (select distinct result_codes from care_events where result_codes is not null)
) r using (result_codes)
order by c.member_index, event, yr
