import assert from "node:assert/strict";
import { closeDb, type Db, openDb } from "../../../loaders/lib/duckdb.ts";
import { readFeatureRows } from "../../../models/next_month_risk/feature_rows.ts";

async function withTable(sql: string, fn: (db: Db) => Promise<void>): Promise<void> {
  const db = await openDb({ threads: 1 });
  try {
    await db.con.run(sql);
    await fn(db);
  } finally {
    closeDb(db);
  }
}

const TABLE = `create table company_month_features as select * from (values
  ('B', '2025-02', 40, 1.5, 7, 'Low', 1, null),
  ('A', '2025-01', 10, 2.0, null, 'High', 0, 1),
  ('B', '2025-01', 30, 0.5, 3, 'Low', 0, 1)
) t(company_id, year_month, member_months, er_rate, claims, risk_band, high_risk_now, high_risk_next)`;

Deno.test("readFeatureRows()", async (t) => {
  await t.step(
    "numeric non-key columns are features, plus this month's band; rows by company and month",
    async () => {
      await withTable(TABLE, async (db) => {
        const { features, rows } = await readFeatureRows(db);
        assert.deepEqual(features, ["er_rate", "claims", "high_risk_now"]);
        assert.deepEqual(rows, [
          {
            companyId: "A",
            yearMonth: "2025-01",
            memberMonths: 10,
            x: null,
            highRiskNow: 0,
            highRiskNext: 1,
          },
          {
            companyId: "B",
            yearMonth: "2025-01",
            memberMonths: 30,
            x: [0.5, 3, 0],
            highRiskNow: 0,
            highRiskNext: 1,
          },
          {
            companyId: "B",
            yearMonth: "2025-02",
            memberMonths: 40,
            x: [1.5, 7, 1],
            highRiskNow: 1,
            highRiskNext: null,
          },
        ]);
      });
    },
  );
  await t.step("options choose the features", async () => {
    await withTable(TABLE, async (db) => {
      assert.deepEqual((await readFeatureRows(db, { includeCurrentBand: false })).features, [
        "er_rate",
        "claims",
      ]);
      const { features, rows } = await readFeatureRows(db, { features: ["er_rate"] });
      assert.deepEqual(features, ["er_rate"]);
      assert.deepEqual(rows[0]!.x, [2]);
      await assert.rejects(
        readFeatureRows(db, { features: ["risk_band"] }),
        /"risk_band" is VARCHAR, expected a number/,
      );
      await assert.rejects(readFeatureRows(db, { features: ["ivi"] }), /has no feature column "ivi"/);
      await assert.rejects(readFeatureRows(db, { table: "x; drop table y" }), /invalid table name/);
    });
  });
});
