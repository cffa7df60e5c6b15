import assert from "node:assert/strict";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import fc from "fast-check";
import { readParquet } from "parquet-wasm/node";
import { closeDb, type Db, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { concatParquet, footerRange } from "../../loaders/lib/parquet_concat.ts";
import { decodeStruct, encodeStruct, T, type ThriftStruct } from "../../loaders/lib/thrift_compact.ts";

/**
 * A table of `rows` rows with the column kinds a claims file has: text ids, low-cardinality text
 * (dictionary pages and bloom filters), dates, doubles, integers, booleans and nulls.
 */
async function makeTable(db: Db, rows: number): Promise<void> {
  await db.con.run(`create or replace table t as
    select i
      , 'C' || lpad(i::varchar, 8, '0') as claim_id
      , ['paid', 'rejected', 'reversed'][1 + i % 3] as status
      , date '2024-01-01' + to_days((i % 400)::integer) as service_date
      , case when i % 7 = 0 then null else round(i * 1.37 % 1000, 2) end as amount
      , i % 5 = 0 as flag
      , case when i % 11 = 0 then null else 'dx' || (i % 13) end as dx
      -- every 1,000-row group spans 'a' to 'z', so only its bloom filter tells whether it holds 'm3'
      , case i % 1000 when 0 then 'a' when 1 then 'z' else 'm' || (i // 4000) end as tag
    from range(${rows}) r(i)`);
}

async function writePart(db: Db, path: string, lo: number, hi: number, rowGroupSize = 2048): Promise<void> {
  await db.con.run(
    `copy (select * from t where i >= ${lo} and i < ${hi} order by i) to ${
      sqlString(path)
    } (format parquet, compression zstd, row_group_size ${rowGroupSize})`,
  );
}

Deno.test("decodeStruct() and encodeStruct()", async (t) => {
  await t.step("re-encoding a Parquet footer DuckDB wrote gives back its bytes", async () => {
    const dir = await Deno.makeTempDir();
    const db = await openDb();
    try {
      await makeTable(db, 10_000);
      await writePart(db, join(dir, "a.parquet"), 0, 10_000);
      const file = await Deno.readFile(join(dir, "a.parquet"));
      const { start, end } = footerRange("a.parquet", file);
      const footer = file.subarray(start, end);
      assert.deepEqual(encodeStruct(decodeStruct(footer)), footer);
    } finally {
      closeDb(db);
      await Deno.remove(dir, { recursive: true });
    }
  });

  await t.step("round-trips every kind of value, long lists and large field-id gaps", () => {
    fc.assert(fc.property(
      fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxLength: 40 }),
      fc.double({ noNaN: true }),
      fc.uint8Array({ maxLength: 300 }),
      fc.integer({ min: 16, max: 30_000 }),
      fc.boolean(),
      (numbers, x, binary, farId, flag) => {
        const struct: ThriftStruct = {
          type: T.STRUCT,
          fields: [
            { id: 1, value: { type: flag ? T.TRUE : T.FALSE } },
            { id: 2, value: { type: T.I64, value: numbers[0] ?? 0n } },
            { id: 3, value: { type: T.I16, value: -7n } },
            { id: 4, value: { type: T.BYTE, value: -3n } },
            { id: 5, value: { type: T.DOUBLE, value: x } },
            { id: 6, value: { type: T.BINARY, value: binary } },
            {
              id: 7,
              value: {
                type: T.LIST,
                elementType: T.I64,
                items: numbers.map((value) => ({ type: T.I64, value })),
              },
            },
            {
              id: farId,
              value: {
                type: T.STRUCT,
                fields: [{
                  id: 1,
                  value: { type: T.LIST, elementType: T.TRUE, items: [{ type: T.TRUE }, { type: T.FALSE }] },
                }],
              },
            },
          ],
        };
        const bytes = encodeStruct(struct);
        assert.deepEqual(decodeStruct(bytes), struct);
        assert.deepEqual(encodeStruct(decodeStruct(bytes)), bytes);
      },
    ));
  });

  await t.step("refuses data that ends inside a struct or has bytes after it", () => {
    assert.throws(
      () => decodeStruct(Uint8Array.of(0x15, 0x02)),
      /Cannot read Thrift: the data ends at byte 2/,
    );
    assert.throws(
      () => decodeStruct(Uint8Array.of(0x15, 0x02, 0x00, 0x00)),
      /the struct ends at byte 3 of 4/,
    );
  });
});

Deno.test("concatParquet()", async (t) => {
  const dir = await Deno.makeTempDir();
  const db = await openDb();
  const rows = 20_000;
  await makeTable(db, rows);
  try {
    await t.step(
      "the joined file reads as the parts' rows in order, with their statistics and bloom filters",
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.uniqueArray(fc.integer({ min: 0, max: rows }), { maxLength: 5 }),
            fc.constantFrom(1000, 2000, 4000),
            async (cuts, rowGroupSize) => {
              const edges = [0, ...cuts.sort((a, b) => a - b), rows];
              const parts: string[] = [];
              for (let k = 0; k + 1 < edges.length; k++) {
                const path = join(dir, `part${k}.parquet`);
                await writePart(db, path, edges[k]!, edges[k + 1]!, rowGroupSize);
                parts.push(path);
              }
              const out = join(dir, "joined.parquet");
              assert.equal(await concatParquet(parts, out), rows);
              const file = sqlString(out);
              const [check] = await queryRows(
                db,
                `select count(*)::integer as n
                 , count(*) filter (where j.i <> j.file_row_number)::integer as out_of_place
                 , (select count(*)::integer from (select * exclude (file_row_number) from read_parquet(${file}, file_row_number = true) except all select * from t)) as unknown
               from read_parquet(${file}, file_row_number = true) j`,
              );
              assert.deepEqual(check, { n: rows, out_of_place: 0, unknown: 0 });
              // statistics still prune row groups, and bloom filters still answer for the right row groups
              const [pruned] = await queryRows(
                db,
                `select count(*)::integer as n, min(i)::integer as lo from read_parquet(${file}) where claim_id = 'C00019999'`,
              );
              assert.deepEqual(pruned, { n: 1, lo: 19_999 });
              const [statuses] = await queryRows(
                db,
                `select count(*)::integer as n from read_parquet(${file}) where status = 'rejected'`,
              );
              assert.equal(statuses!.n, Math.floor((rows - 2) / 3) + 1);
              const [tagged] = await queryRows(
                db,
                `select count(*)::integer as n from read_parquet(${file}) where tag = 'm3'`,
              );
              assert.equal(tagged!.n, 4000 - 8);
            },
          ),
          { numRuns: 12 },
        );
      },
    );

    await t.step(
      "parquet-wasm, the pages' Parquet reader, reads the joined file's rows in order",
      async () => {
        // an empty part in the middle, and parts that end inside a row group's worth of rows
        const ranges = [[0, 7_000], [7_000, 7_000], [7_000, rows]] as const;
        const parts = ranges.map((_, k) => join(dir, `wasm${k}.parquet`));
        for (const [k, [lo, hi]] of ranges.entries()) await writePart(db, parts[k]!, lo, hi, 3000);
        const out = join(dir, "wasm.parquet");
        await concatParquet(parts, out);
        const table = tableFromIPC(readParquet(await Deno.readFile(out)).intoIPCStream());
        assert.equal(table.numRows, rows);
        const ids = table.getChild("claim_id")!.toArray() as string[];
        assert.deepEqual(ids, Array.from({ length: rows }, (_, i) => `C${String(i).padStart(8, "0")}`));
        const statuses = Array.from(table.getChild("status")!.toArray() as Iterable<string>);
        assert.deepEqual(
          statuses,
          Array.from({ length: rows }, (_, i) => ["paid", "rejected", "reversed"][i % 3]),
        );
      },
    );

    await t.step("one part joins to a file with the same rows and the same footer", async () => {
      const part = join(dir, "only.parquet");
      await writePart(db, part, 0, rows);
      const out = join(dir, "same.parquet");
      await concatParquet([part], out);
      assert.deepEqual(await Deno.readFile(out), await Deno.readFile(part));
    });

    await t.step("refuses parts with another schema or that are not Parquet, naming the file", async () => {
      const a = join(dir, "a.parquet");
      const b = join(dir, "b.parquet");
      const c = join(dir, "c.csv");
      await writePart(db, a, 0, 100);
      await db.con.run(`copy (select i, claim_id from t limit 10) to ${sqlString(b)} (format parquet)`);
      await Deno.writeTextFile(c, "i,claim_id\n1,C1\n");
      await assert.rejects(
        concatParquet([a, b], join(dir, "x.parquet")),
        new RegExp(`Cannot join ${b}: its schema differs`),
      );
      await assert.rejects(
        concatParquet([a, c], join(dir, "x.parquet")),
        new RegExp(`Cannot join ${c}: it is not a Parquet file`),
      );
      await assert.rejects(concatParquet([], join(dir, "x.parquet")), /no Parquet parts to join/);
      // a failed join leaves no partial file
      await assert.rejects(Deno.stat(join(dir, "x.parquet")), Deno.errors.NotFound);
    });
  } finally {
    closeDb(db);
    await Deno.remove(dir, { recursive: true });
  }
});
