-- grain: one row per calendar year in which member_months has MA contract members in all 12 months: the
-- measurement years whose data are complete
select cast(left(year_month, 4) as integer) as measurement_year
from member_months
where contract_id is not null
group by 1
having count(distinct year_month) = 12
order by 1
