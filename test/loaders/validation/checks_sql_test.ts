/** The validation SQL checks on hand-made tables whose answers are worked out in the comments. */
import assert from "node:assert/strict";
import { closeDb, type Db, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { readSql } from "../../../loaders/lib/sql_file.ts";

const STEP = new URL("../../../loaders/validation/step.ts", import.meta.url);

async function checks(db: Db, file: string): Promise<Record<string, Record<string, unknown>>> {
  const rows = await queryRows(db, `select * from (\n${readSql(STEP, file)}\n)`);
  return Object.fromEntries(rows.map((r) => [String(r.check_id), r]));
}

async function withDb(setup: string[], body: (db: Db) => Promise<void>): Promise<void> {
  const db = await openDb();
  try {
    for (const sql of setup) await db.con.run(sql);
    await body(db);
  } finally {
    closeDb(db);
  }
}

Deno.test("checks_ivi.sql", async () => {
  await withDb([
    `create table company_month_kpis as select * from (values
      (60.0, 'Medium', 30.0, 10.0, 20.0),   -- exact
      (50.0, 'High', 25.0, 10.0, 15.001),  -- contributions off by 0.001 (rounding)
      (80.0, 'High', 40.0, 20.0, 20.0),    -- misbanded: 80 is Low
      (null, null, null, null, null)        -- not scored
    ) t(ivi, risk_band, contribution_u, contribution_h, contribution_e)`,
  ], async (db) => {
    const c = await checks(db, "./checks_ivi.sql");
    assert.ok(Math.abs(Number(c.decomposition_gap!.value) - 0.001) < 1e-9);
    assert.equal(c.decomposition_gap!.passed, true);
    assert.equal(c.misbanded!.value, 1);
    assert.equal(c.misbanded!.passed, false);
    assert.equal(c.out_of_range!.value, 0);
    assert.equal(c.share_high!.value, 2 / 3);
    assert.equal(c.share_medium!.value, 1 / 3);
    assert.equal(c.share_low!.value, 0);
  });
});

Deno.test("checks_kpis.sql", async () => {
  await withDb([
    `create table company_month_kpis as select * from (values
      ('A', '2026-01', 10, 4.5, 6, 1),
      ('B', '2026-01', 5, 5.5, 2, 0)        -- NYU avoidable above ER visits
    ) t(company_id, year_month, er_visits, avoidable_er_visits_nyu, avoidable_er_visits_proxy, er_unclassified)`,
    `create table company_month_segments as select * from (values
      ('A', '2026-01', 'region', 'north', 6, 2.5),
      ('A', '2026-01', 'region', 'south', 4, 2.0),  -- region adds up to 10 and 4.5
      ('A', '2026-01', 'network', 'in', 9, 4.5),    -- network: 9 of 10 visits (gap 1)
      ('B', '2026-01', 'region', 'north', 5, 5.5)
    ) t(company_id, year_month, dimension, value, er_visits, avoidable_er_visits_nyu)`,
  ], async (db) => {
    const c = await checks(db, "./checks_kpis.sql");
    assert.equal(c.segments_add_up_er!.value, 1);
    assert.equal(c.segments_add_up_er!.passed, false);
    assert.equal(c.segments_add_up_nyu!.value, 0);
    assert.equal(c.segments_add_up_nyu!.passed, true);
    assert.equal(c.avoidable_within_er!.value, 1);
    assert.equal(c.nyu_unclassified_share!.value, 1 / 15);
  });
});

Deno.test("checks_stars.sql", async () => {
  await withDb([
    `create table stars_national_2026 as select * from (values
      (3.5, 3.0, 3.5, 3.5, 3.0, 3.5),
      (4.0, null, null, 4.5, null, null),   -- Part C differs
      (null, 2.5, null, null, null, null),  -- the engine rates Part D, CMS does not
      (null, null, null, null, null, null)  -- nobody rates: not counted
    ) t(part_c_summary, part_d_summary, overall, published_part_c, published_part_d, published_overall)`,
  ], async (db) => {
    const c = await checks(db, "./checks_stars.sql");
    assert.deepEqual([c.reproduced_part_c!.value, c.reproduced_part_c!.reference], [1, 2]);
    assert.deepEqual([c.reproduced_part_d!.value, c.reproduced_part_d!.reference], [1, 2]);
    assert.deepEqual([c.reproduced_overall!.value, c.reproduced_overall!.reference], [1, 1]);
    assert.equal(c.reproduced_overall!.passed, true);
    assert.equal(c.reproduced_part_c!.passed, false);
  });
});

Deno.test("checks_synthetic.sql and checks_recommendations.sql", async () => {
  await withDb([
    `create table data_benchmarks as select * from (values
      (1.0, 0.5, 2.0, true), (3.0, 0.5, 2.0, false), (9.0, null, null, null)
    ) t(value, low, high, within_range)`,
    `create table recommendations as select * from (values
      ('rules', '[{"name":"x","value":1}]', null), ('gemini', '[]', null),
      ('rules', '[{"name":"y","value":2}]', 'The model answer was not used: timeout.')
    ) t(source, figures_used, note)`,
  ], async (db) => {
    const s = await checks(db, "./checks_synthetic.sql");
    assert.deepEqual([s.benchmarks_within_range!.value, s.benchmarks_within_range!.reference], [1, 2]);
    assert.equal(s.benchmarks_within_range!.passed, false);
    const r = await checks(db, "./checks_recommendations.sql");
    assert.equal(r.rows!.value, 3);
    assert.equal(r.from_rules!.value, 2);
    assert.equal(r.fallbacks!.value, 1);
    assert.deepEqual([r.figures_stated!.value, r.figures_stated!.reference, r.figures_stated!.passed], [
      2,
      3,
      false,
    ]);
  });
});
