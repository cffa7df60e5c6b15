import assert from "node:assert/strict";
import fc from "fast-check";
import { closeDb, openDb, queryRows } from "../../loaders/lib/duckdb.ts";
import { poissonMacroSql } from "../../loaders/synthetic/poisson.ts";

Deno.test("rpois(): draws by inversion match the Poisson mean and variance", async () => {
  const db = await openDb();
  try {
    await db.con.run("set variable seed = 5");
    await db.con.run(Deno.readTextFileSync(new URL("../../loaders/synthetic/random.sql", import.meta.url)));
    await db.con.run(poissonMacroSql());
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0.01, max: 4, noNaN: true }), async (lam) => {
        const [row] = await queryRows(
          db,
          `
          with d as (select ${lam}::double as lam, runif('t', range, 0, 0) as u from range(200000))
          select avg(rpois(lam, u)) as mean, var_samp(rpois(lam, u)) as variance from d`,
        );
        // 200,000 draws: the sample mean's standard error is √(λ/n); allow 5 of them.
        const se = Math.sqrt(lam / 200000);
        assert.ok(Math.abs(Number(row!.mean) - lam) < 5 * se + 1e-9, `mean ${row!.mean} vs λ ${lam}`);
        assert.ok(Math.abs(Number(row!.variance) / lam - 1) < 0.05, `variance ${row!.variance} vs λ ${lam}`);
      }),
      { numRuns: 12, seed: 42 },
    );
  } finally {
    closeDb(db);
  }
});

Deno.test("runif() is uniform and rnorm() is standard normal", async () => {
  const db = await openDb();
  try {
    await db.con.run("set variable seed = 9");
    await db.con.run(Deno.readTextFileSync(new URL("../../loaders/synthetic/random.sql", import.meta.url)));
    const [row] = await queryRows(
      db,
      `
      select avg(runif('u', range, 1, 2)) as mean_u, min(runif('u', range, 1, 2)) > 0 as positive
        , max(runif('u', range, 1, 2)) < 1 as below_one
        , avg(rnorm('z', range, 1, 2)) as mean_z, stddev_samp(rnorm('z', range, 1, 2)) as sd_z
      from range(400000)`,
    );
    assert.ok(Math.abs(Number(row!.mean_u) - 0.5) < 0.003);
    assert.equal(row!.positive, true);
    assert.equal(row!.below_one, true);
    assert.ok(Math.abs(Number(row!.mean_z)) < 0.01);
    assert.ok(Math.abs(Number(row!.sd_z) - 1) < 0.01);
  } finally {
    closeDb(db);
  }
});
