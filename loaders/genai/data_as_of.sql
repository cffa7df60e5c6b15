-- grain: one row: the data's as-of date (the care prediction origin's data end, else the last day of the
-- latest member month), written on every recommendation as its generated date
select strftime(coalesce(
  (select max(as_of) from care_current_year)
  , (select last_day(strptime(max(year_month), '%Y-%m')) from member_months)
), '%Y-%m-%d') as as_of
