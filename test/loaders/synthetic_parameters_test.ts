import assert from "node:assert/strict";
import { closeDb, openDb, queryRows } from "../../loaders/lib/duckdb.ts";
import { numberSql } from "../../loaders/synthetic/generate.ts";

Deno.test("numberSql: whole numbers stay integers, fractions become DOUBLE (not DECIMAL)", async () => {
  assert.equal(numberSql(12), "12");
  assert.equal(numberSql(0.15), "0.15::double");
  assert.equal(numberSql(0.30000000000000004), "0.30000000000000004::double");
  const db = await openDb();
  try {
    await db.con.run(`set variable rate = ${numberSql(0.15)}`);
    await db.con.run(`set variable months = ${numberSql(12)}`);
    await db.con.run(`set variable bare = 0.15`);
    const [row] = await queryRows(
      db,
      `select typeof(getvariable('rate')) as rate, typeof(getvariable('months')) as months,
        typeof(getvariable('bare')) as bare, getvariable('rate') * 2 = 0.3::double as exact`,
    );
    // a bare literal would be DECIMAL, and rates multiplied by it decimal arithmetic
    assert.deepEqual(row, { rate: "DOUBLE", months: "INTEGER", bare: "DECIMAL(3,2)", exact: true });
  } finally {
    closeDb(db);
  }
});
