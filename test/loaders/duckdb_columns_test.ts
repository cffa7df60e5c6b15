import assert from "node:assert/strict";
import { closeDb, openDb } from "../../loaders/lib/duckdb.ts";
import { queryColumns, queryTextColumn } from "../../loaders/lib/duckdb_columns.ts";

Deno.test("queryColumns(): INTEGER, UINTEGER and DOUBLE columns as typed arrays, across chunks", async () => {
  const db = await openDb();
  try {
    // 5,000 rows span three of DuckDB's 2,048-row chunks
    const c = await queryColumns(
      db,
      `select (range - 2500)::integer as a, (range * 0.5)::double as b, (range * 858993)::uinteger as c
       from range(5000) order by range`,
    );
    assert.ok(c.a instanceof Int32Array && c.b instanceof Float64Array && c.c instanceof Uint32Array);
    assert.equal(c.a!.length, 5000);
    assert.deepEqual([c.a![0], c.a![2048], c.a![4999]], [-2500, -452, 2499]);
    assert.deepEqual([c.b![1], c.b![4999]], [0.5, 2499.5]);
    assert.equal(c.c![4999], 4999 * 858993);
    const empty = await queryColumns(db, "select range::integer as a from range(0)");
    assert.equal(empty.a!.length, 0);
  } finally {
    closeDb(db);
  }
});

Deno.test("queryColumns(): refuses nulls and other types, naming the column", async () => {
  const db = await openDb();
  try {
    await assert.rejects(
      queryColumns(
        db,
        "select case when range = 3000 then null else range::integer end as a from range(5000)",
      ),
      /column "a" holds a null/,
    );
    await assert.rejects(queryColumns(db, "select 1::integer as n, 'x' as s"), /column "s" is VARCHAR/);
  } finally {
    closeDb(db);
  }
});

Deno.test("queryTextColumn(): the values in the given order, including empty and non-ASCII ones; refuses nulls and newlines", async () => {
  const db = await openDb();
  try {
    await db.con.run(
      `create table t as select * from (values (3, 'c'), (1, ''), (2, 'Zürich'), (4, 'M00001-0')) v(n, s)`,
    );
    assert.deepEqual(await queryTextColumn(db, "t", "s", "n"), ["", "Zürich", "c", "M00001-0"]);
    assert.deepEqual(await queryTextColumn(db, "t", "s", "n desc"), ["M00001-0", "c", "Zürich", ""]);
    assert.deepEqual(await queryTextColumn(db, "(select * from t where n > 9)", "s", "n"), []);
    await db.con.run("insert into t values (5, null)");
    await assert.rejects(queryTextColumn(db, "t", "s", "n"), /t\.s holds 1 null/);
    await db.con.run("delete from t where n = 5; insert into t values (6, 'a' || chr(10) || 'b')");
    await assert.rejects(queryTextColumn(db, "t", "s", "n"), /holds a value with a newline/);
  } finally {
    closeDb(db);
  }
});
