/**
 * Logical invariants of the synthetic payer, each a SQL query that returns the violating rows
 * (none expected), checked on a seeded build at the small scale.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { OUTPUTS } from "../../loaders/pipeline.ts";
import { pipelineRun } from "../support/pipeline_run.ts";
import { INPUT_TABLES } from "../../loaders/contract/schema.ts";

const INVARIANTS: Record<string, string> = {
  "every medical claim falls inside an eligibility span of its member": `
    select c.claim_id, c.claim_line_number from medical_claims c
    where not exists (select 1 from eligibility e where e.member_id = c.member_id
      and c.service_date between e.enrollment_start_date and e.enrollment_end_date)`,
  "every fill falls inside an eligibility span of its member": `
    select r.claim_id from pharmacy_claims r
    where not exists (select 1 from eligibility e where e.member_id = r.member_id
      and r.dispensing_date between e.enrollment_start_date and e.enrollment_end_date)`,
  "ER visits happen only at hospitals": `
    select c.claim_id from medical_claims c join providers p using (provider_id)
    where c.service_category = 'emergency_department' and p.practice_type <> 'hospital'`,
  "an inpatient stay is an emergency admission or an elective one": `
    select claim_id from medical_claims
    where service_category = 'inpatient' and procedure_category not in ('emergency_admission', 'elective_admission')`,
  "an emergency admission follows an ER visit the same day at the same hospital": `
    select i.claim_id from medical_claims i
    where i.procedure_category = 'emergency_admission' and not exists (
      select 1 from medical_claims e where e.member_id = i.member_id and e.service_category = 'emergency_department'
        and e.service_date = i.service_date and e.provider_id = i.provider_id)`,
  "ER visits flagged admitted are followed by an inpatient stay": `
    select e.claim_id from medical_claims e
    where e.service_category = 'emergency_department' and e.admitted and not exists (
      select 1 from medical_claims i where i.member_id = e.member_id and i.service_category = 'inpatient'
        and i.service_date = e.service_date)`,
  "discharge is after admission and stays are at most 60 days": `
    select claim_id from medical_claims
    where service_category = 'inpatient' and (discharge_date <= service_date or discharge_date > service_date + interval 60 day)`,
  "allowed amounts are positive on paid lines and within the scenario's caps": `
    select claim_id, allowed_amount from medical_claims
    where claim_status <> 'reversed' and (allowed_amount < 0
      or (service_category = 'emergency_department' and allowed_amount > 40000)
      or (service_category = 'inpatient' and allowed_amount > 600000)
      or (service_category in ('office_visit', 'telehealth', 'urgent_care') and allowed_amount > 3000))`,
  "a rejected line pays nothing; a reversal negates a paid claim line for line": `
    select c.claim_id from medical_claims c
    where (c.claim_status = 'rejected' and c.paid_amount <> 0)
      or (c.claim_status = 'reversed' and not exists (select 1 from medical_claims o
        where o.claim_id || 'R' = c.claim_id and o.claim_line_number = c.claim_line_number
          and o.claim_status = 'paid' and o.paid_amount = -c.paid_amount))`,
  "no member has more than 12 member-months in a calendar year": `
    select member_id, left(year_month, 4) as yr, count(*) from member_months group by all having count(*) > 12`,
  "member-months are the months eligibility spans overlap": `
    select member_id from (
      select member_id, count(distinct year_month) as n from member_months group by member_id) m
    join (select member_id, count(distinct strftime(d, '%Y-%m')) as n from (
      select member_id, unnest(generate_series(enrollment_start_date, enrollment_end_date, interval 1 day))::date as d
      from eligibility) group by member_id) e using (member_id)
    where m.n <> e.n`,
  "commercial members are 0-64 at enrollment and belong to a company; MA members to a contract": `
    select member_id from members
    where (line_of_business = 'commercial' and (company_id is null or contract_id is not null
        or extract(year from age(date '2023-10-01', birth_date)) > 64))
      or (line_of_business = 'medicare_advantage' and (contract_id is null or company_id is not null))`,
  "days' supply is 10, 30 or 90 and adherence-class fills name an ingredient": `
    select claim_id from pharmacy_claims
    where days_supply not in (10, 30, 90)
      or (drug_class in ('statin', 'ras_antagonist', 'diabetes_oral') and ingredient is null)`,
};

Deno.test("synthetic payer invariants (seed 11, small scale)", async (t) => {
  const { dir } = await pipelineRun(11, "small");
  const db = await openDb();
  try {
    for (const [table] of OUTPUTS) {
      await db.con.run(
        `create view ${table} as select * from read_parquet(${sqlString(join(dir, `${table}.parquet`))})`,
      );
    }
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      await t.step(name, async () => {
        const rows = await queryRows(db, `select * from (${sql}) limit 5`);
        assert.deepEqual(rows, []);
      });
    }
    await t.step("every contract table is unique on its declared grain", async () => {
      for (const spec of INPUT_TABLES) {
        const key = spec.key.join(", ");
        const [row] = await queryRows(
          db,
          `select count(*) - count(distinct (${key})) as duplicates from ${spec.name}`,
        );
        assert.equal(Number(row!.duplicates), 0, `${spec.name} (${spec.grain})`);
      }
    });
    await t.step("contract tables have exactly the contract's columns and types", async () => {
      for (const spec of INPUT_TABLES) {
        const rows = await queryRows(
          db,
          `select column_name, column_type as data_type from (describe ${spec.name})`,
        );
        const types: Record<string, string> = {
          varchar: "VARCHAR",
          integer: "INTEGER",
          double: "DOUBLE",
          date: "DATE",
          boolean: "BOOLEAN",
        };
        assert.deepEqual(
          rows.map((r) => [r.column_name, r.data_type]),
          spec.columns.map((c) => [c.name, types[c.type]]),
          spec.name,
        );
      }
    });
  } finally {
    closeDb(db);
  }
});
