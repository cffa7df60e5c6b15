import assert from "node:assert/strict";
import { closeDb, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { runCareSql } from "../../../loaders/care/tables.ts";

// member, measure, year, in_denominator, excluded, compliant, pdc, days' supply left
const ROWS: [string, string, number, boolean, boolean, boolean, number | null, number | null][] = [
  ["M1", "bcs", 2026, true, false, false, null, null], // open → listed
  ["M1", "col", 2026, true, false, true, null, null], // compliant (closed) → not listed
  ["M2", "bcs", 2026, true, true, false, null, null], // excluded → not listed
  ["M2", "cbp", 2026, false, false, false, null, null], // not in denominator → not listed
  ["M3", "eed", 2025, true, false, false, null, null], // last year's open gap → not listed
  ["M3", "gsd", 2026, true, false, false, null, null], // open → listed
  ["M4", "pdc_statins", 2026, true, false, false, 0.75, 30], // PDC < 80% → open gap, not at risk (30 days left)
  ["M4", "pdc_ras", 2026, true, false, true, 0.83, 10], // compliant, < 85% and ≤ 14 days → at risk
  ["M5", "pdc_ras", 2026, true, false, true, 0.83, 15], // 15 days left → not at risk
  ["M5", "pdc_diabetes", 2026, true, false, true, 0.9, 0], // 90% → not at risk
  ["M6", "pdc_statins", 2026, true, false, false, 0.6, 0], // open and at risk
  ["M6", "fmc", 2026, true, false, false, null, null], // open event gap due 12-31 → listed
  ["M7", "pcr", 2026, true, false, false, null, null], // open but due 2026-03-26, before the as-of date → not listed
];

Deno.test("gap_candidates.sql", async (t) => {
  const db = await openDb();
  try {
    await db.con.run(
      `create table member_measures as select * from (values ${
        ROWS.map(([m, k, y, d, e, c, pdc, left]) =>
          `('H0001', '${m}', '${k}', upper('${k}'), ${y}, ${d}, ${e}, ${c}, ${d && !e && !c}, date '${
            m === "M7" ? "2026-03-26" : `${y}-12-31`
          }'
          , 'close it', null::date, ${pdc ?? "null"}::double, ${left ?? "null"}::integer)`
        ).join(", ")
      }) v(contract_id, member_id, measure_key, measure_id, measurement_year, in_denominator, excluded, compliant
      , gap_open, due_date, closing_action, last_event_date, pdc, days_supply_remaining)`,
    );
    await db.con.run(`create table care_origins as select date '2026-09-30' as data_end`);
    await db.con.run(
      `create table stars_claims_measures as select 'bcs' as measure_key, 'Breast' as measure_name`,
    );
    await runCareSql(db, "care_current_year", "current_year.sql");
    await runCareSql(db, "care_gap_candidates", "gap_candidates.sql");
    const rows = await queryRows(
      db,
      `select member_id, measure_key, gap_open, adherence_at_risk from care_gap_candidates order by all`,
    );
    await t.step("lists open gaps of the current year still due and adherence at risk, nothing else", () => {
      assert.deepEqual(rows.map((r) => [r.member_id, r.measure_key, r.gap_open, r.adherence_at_risk]), [
        ["M1", "bcs", true, false],
        ["M3", "gsd", true, false],
        ["M4", "pdc_ras", false, true],
        ["M4", "pdc_statins", true, false],
        ["M6", "fmc", true, false],
        ["M6", "pdc_statins", true, true],
      ]);
    });
    await t.step("the current year is the latest measurement year", async () => {
      const [y] = await queryRows(db, "select measurement_year from care_current_year");
      assert.equal(Number(y!.measurement_year), 2026);
    });
  } finally {
    closeDb(db);
  }
});
