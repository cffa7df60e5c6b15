import assert from "node:assert/strict";
import fc from "fast-check";
import { closeDb, type Db, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { type Column, ParquetColumnsWriter, writeParquetColumns } from "../../loaders/lib/parquet_write.ts";

interface Row {
  n: number | null;
  day: number | null;
  x: number | null;
  flag: boolean | null;
  label: string | null;
  id: string;
}

const encoder = new TextEncoder();

/** The rows as the writer's columns: nullable int32, date, double and boolean, a dictionary and a text column. */
function columnsOf(rows: readonly Row[], dictionary: readonly string[]): Column[] {
  const valid = (pick: (r: Row) => unknown) => Uint8Array.from(rows, (r) => pick(r) === null ? 0 : 1);
  const ids = rows.map((r) => encoder.encode(r.id));
  const offsets = new Int32Array(rows.length + 1);
  ids.forEach((b, i) => offsets[i + 1] = offsets[i]! + b.length);
  const bytes = new Uint8Array(offsets[rows.length]!);
  ids.forEach((b, i) => bytes.set(b, offsets[i]!));
  return [
    { name: "n", type: "int32", values: Int32Array.from(rows, (r) => r.n ?? 0), valid: valid((r) => r.n) },
    {
      name: "day",
      type: "date",
      values: Int32Array.from(rows, (r) => r.day ?? 0),
      valid: valid((r) => r.day),
    },
    { name: "x", type: "double", values: Float64Array.from(rows, (r) => r.x ?? 0), valid: valid((r) => r.x) },
    {
      name: "flag",
      type: "boolean",
      values: Uint8Array.from(rows, (r) => r.flag ? 1 : 0),
      valid: valid((r) => r.flag),
    },
    {
      name: "label",
      type: "dictionary",
      dictionary,
      codes: Int32Array.from(rows, (r) => r.label === null ? -1 : dictionary.indexOf(r.label)),
    },
    { name: "id", type: "text", bytes, offsets },
  ];
}

/** Runs `body` with a fresh temp folder and database, removed afterwards. */
async function withDirAndDb(body: (dir: string, db: Db) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-parquet-write-" });
  const db = await openDb();
  try {
    await body(dir, db);
  } finally {
    closeDb(db);
    await Deno.remove(dir, { recursive: true });
  }
}

const isoDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

Deno.test("writeParquetColumns(): DuckDB reads back every value, null and type, over several row groups", async () => {
  await withDirAndDb(async (dir, db) => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ unit: "grapheme", maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        fc.array(
          fc.record({
            n: fc.option(fc.integer({ min: -2147483648, max: 2147483647 })),
            day: fc.option(fc.integer({ min: -200_000, max: 200_000 })),
            x: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
            flag: fc.option(fc.boolean()),
            label: fc.option(fc.nat()),
            id: fc.string({ unit: "grapheme", maxLength: 30 }),
          }),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 25 }),
        async (dictionary, drawn, rowGroupRows) => {
          const rows: Row[] = drawn.map((r) => ({
            ...r,
            label: r.label === null ? null : dictionary[r.label % dictionary.length]!,
          }));
          const path = `${dir}/t.parquet`;
          assert.equal(
            await writeParquetColumns(path, columnsOf(rows, dictionary), { rowGroupRows }),
            rows.length,
          );
          const back = await queryRows(
            db,
            `select n, day::varchar as day, x, flag, label, id from read_parquet(${sqlString(path)})`,
          );
          assert.equal(back.length, rows.length);
          for (const [i, r] of rows.entries()) {
            const b = back[i]!;
            assert.equal(b.n, r.n, `row ${i} n`);
            assert.equal(b.day, r.day === null ? null : isoDay(r.day), `row ${i} day`);
            assert.ok(Object.is(b.x, r.x), `row ${i} x: ${b.x} vs ${r.x}`);
            assert.equal(b.flag, r.flag, `row ${i} flag`);
            assert.equal(b.label, r.label, `row ${i} label`);
            assert.equal(b.id, r.id, `row ${i} id`);
          }
          const types = await queryRows(db, `describe select * from read_parquet(${sqlString(path)})`);
          assert.deepEqual(types.map((t) => t.column_type), [
            "INTEGER",
            "DATE",
            "DOUBLE",
            "BOOLEAN",
            "VARCHAR",
            "VARCHAR",
          ]);
          const groups = await queryRows(
            db,
            `select count(distinct row_group_id)::integer as n from parquet_metadata(${sqlString(path)})`,
          );
          assert.equal(groups[0]!.n, rows.length === 0 ? 0 : Math.ceil(rows.length / rowGroupRows));
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
});

Deno.test("writeParquetColumns(): min, max and null counts per row group, as DuckDB reads them", async () => {
  await withDirAndDb(async (dir, db) => {
    const path = `${dir}/s.parquet`;
    // row group 1: n = 5, null, −3; row group 2: 8, 2, null
    await writeParquetColumns(path, [
      {
        name: "n",
        type: "int32",
        values: Int32Array.from([5, 0, -3, 8, 2, 0]),
        valid: Uint8Array.from([1, 0, 1, 1, 1, 0]),
      },
      { name: "x", type: "double", values: Float64Array.from([0.5, -1.25, 3, 9.75, -4, 1]) },
      // row group 1: false, false, null; row group 2: true, false, true
      {
        name: "b",
        type: "boolean",
        values: Uint8Array.from([0, 0, 1, 1, 0, 1]),
        valid: Uint8Array.from([1, 1, 0, 1, 1, 1]),
      },
    ], { rowGroupRows: 3 });
    const stats = await queryRows(
      db,
      `select row_group_id::integer as g, path_in_schema as c, stats_min_value as lo, stats_max_value as hi, stats_null_count::integer as nulls
       from parquet_metadata(${sqlString(path)}) order by g, c`,
    );
    assert.deepEqual(stats.map((s) => [s.g, s.c, s.lo, s.hi, s.nulls]), [
      [0, "b", "false", "false", 1],
      [0, "n", "-3", "5", 1],
      [0, "x", "-1.25", "3.0", 0],
      [1, "b", "false", "true", 0],
      [1, "n", "2", "8", 1],
      [1, "x", "-4.0", "9.75", 0],
    ]);
    // a filter that only the statistics can answer for the first row group
    const [row] = await queryRows(
      db,
      `select count(*)::integer as n from read_parquet(${sqlString(path)}) where n > 6`,
    );
    assert.equal(row!.n, 1);
  });
});

Deno.test("writeParquetColumns(): the same columns give the same bytes; an empty table is readable", async () => {
  await withDirAndDb(async (dir, db) => {
    const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({
      n: i % 7 === 0 ? null : i * 37 - 90_000,
      day: 19_000 + (i % 400),
      x: i % 11 === 0 ? null : Math.round(i * 1.37 * 100) / 100,
      flag: i % 5 === 0 ? null : i % 3 === 0,
      label: ["paid", "rejected", "reversed"][i % 3]!,
      id: `RXMH1234-${String(i).padStart(6, "0")}-T01`,
    }));
    const columns = columnsOf(rows, ["paid", "rejected", "reversed"]);
    await writeParquetColumns(`${dir}/a.parquet`, columns, { rowGroupRows: 1000 });
    await writeParquetColumns(`${dir}/b.parquet`, columns, { rowGroupRows: 1000 });
    assert.deepEqual(await Deno.readFile(`${dir}/a.parquet`), await Deno.readFile(`${dir}/b.parquet`));
    const [sums] = await queryRows(
      db,
      `select count(n)::integer as n, sum(n)::bigint::varchar as total, count(*) filter (where label = 'rejected')::integer as rejected
       from read_parquet(${sqlString(`${dir}/a.parquet`)})`,
    );
    const present = rows.filter((r) => r.n !== null);
    assert.equal(sums!.n, present.length);
    assert.equal(sums!.total, String(present.reduce((s, r) => s + r.n!, 0)));
    assert.equal(sums!.rejected, rows.filter((r) => r.label === "rejected").length);

    await writeParquetColumns(`${dir}/empty.parquet`, columnsOf([], ["a"]));
    const [empty] = await queryRows(
      db,
      `select count(*)::integer as n from read_parquet(${sqlString(`${dir}/empty.parquet`)})`,
    );
    assert.equal(empty!.n, 0);
  });
});

Deno.test("writeParquetColumns(): refuses columns of different lengths and codes outside the dictionary", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-parquet-write-" });
  try {
    await assert.rejects(
      writeParquetColumns(`${dir}/x.parquet`, [
        { name: "a", type: "int32", values: Int32Array.from([1, 2]) },
        { name: "b", type: "double", values: Float64Array.from([1]) },
      ]),
      /column "b" has 1 rows, "a" 2/,
    );
    await assert.rejects(
      writeParquetColumns(`${dir}/x.parquet`, [
        { name: "s", type: "dictionary", dictionary: ["paid"], codes: Int32Array.from([0, 1]) },
      ]),
      /column "s", row 1: code 1 is outside its dictionary of 1/,
    );
    await assert.rejects(
      writeParquetColumns(`${dir}/x.parquet`, [
        { name: "a", type: "int32", values: Int32Array.from([1]) },
        { name: "a", type: "int32", values: Int32Array.from([2]) },
      ]),
      /column "a" appears twice/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ParquetColumnsWriter: row groups written one at a time; a row group of another shape is refused", async () => {
  await withDirAndDb(async (dir, db) => {
    const path = `${dir}/g.parquet`;
    const group = (from: number, n: number): Column[] => [
      { name: "n", type: "int32", values: Int32Array.from({ length: n }, (_, i) => from + i) },
      {
        name: "s",
        type: "dictionary",
        dictionary: ["a", "b"],
        codes: Int32Array.from({ length: n }, (_, i) => i % 2),
      },
    ];
    const writer = await ParquetColumnsWriter.create(path, group(0, 0));
    await writer.writeRowGroup(group(0, 3));
    await writer.writeRowGroup(group(3, 4), 1, 3); // rows 1…3 of this group: n = 4, 5
    await assert.rejects(
      writer.writeRowGroup([{ name: "n", type: "double", values: Float64Array.from([1]) }]),
      /differ from n:int32:required, s:dictionary:optional/,
    );
    assert.equal(await writer.close(), 5);
    const rows = await queryRows(db, `select n, s from read_parquet(${sqlString(path)})`);
    assert.deepEqual(rows.map((r) => `${r.n}${r.s}`), ["0a", "1b", "2a", "4b", "5a"]);
  });
});
