import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { runNextMonthRiskOnParquet } from "../../../models/next_month_risk/run_on_parquet.ts";
import { NEXT_MONTH_RISK_OUTPUTS } from "../../../models/next_month_risk/step.ts";

Deno.test("runNextMonthRiskOnParquet() writes every table, identical bytes on a second run", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-risk-" });
  try {
    const db = await openDb({ threads: 1 });
    const features = join(dir, "company_month_features.parquet");
    try {
      // 40 companies × 10 months; High next month when a hashed score of the company-month is high.
      await db.con.run(`copy (
        select 'C' || lpad(c::varchar, 2, '0') as company_id
          , strftime(date '2025-01-01' + to_months(m::integer), '%Y-%m') as year_month
          , 100.0 as member_months
          , ((c * 7 + m * 13) % 17) / 17.0 as er_rate
          , ((c * 5 + m * 3) % 11) / 11.0 as noise
          , (((c * 7 + (m - 1) * 13) % 17) > 11)::integer as high_risk_now
          , case when m < 9 then (((c * 7 + m * 13) % 17) > 11)::integer end as high_risk_next
        from range(40) a(c), range(10) b(m)
      ) to ${sqlString(features)} (format parquet)`);
    } finally {
      closeDb(db);
    }
    const first = await runNextMonthRiskOnParquet(features, join(dir, "a"), { C: 1, origins: 3 });
    await runNextMonthRiskOnParquet(features, join(dir, "b"), { C: 1, origins: 3 });
    assert.equal(first.predictedMonth, "2025-11");
    assert.equal(first.predictions, 40);
    for (const [table] of NEXT_MONTH_RISK_OUTPUTS) {
      const a = await Deno.readFile(join(dir, "a", `${table}.parquet`));
      const b = await Deno.readFile(join(dir, "b", `${table}.parquet`));
      assert.deepEqual(a, b, table);
    }
    const check = await openDb({ threads: 1 });
    try {
      const [n] = await queryRows(
        check,
        `select count(*)::integer as n from read_parquet(${
          sqlString(join(dir, "a", "risk_backtest.parquet"))
        })`,
      );
      assert.equal(n!.n, 3 * 3 + 3);
    } finally {
      closeDb(check);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
