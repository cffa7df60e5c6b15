/**
 * The fills made in TypeScript (`writePharmacyFills`, in two worker parts) against the SQL that
 * defines them (`pharmacy_claims.sql`): the same rows, values and order.
 */
import assert from "node:assert/strict";
import { closeDb, openDb, queryRows, sqlString, writeParquet } from "../../loaders/lib/duckdb.ts";
import { generateSynthetic } from "../../loaders/synthetic/generate.ts";
import { writePharmacyFills } from "../../loaders/synthetic/pharmacy_fills.ts";

for (const [seed, months] of [[20261, 12], [7, 24]] as const) {
  Deno.test(`writePharmacyFills() writes pharmacy_claims.sql's rows in its order (seed ${seed}, ${months} months)`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "lodestar-fills-" });
    const db = await openDb();
    try {
      await generateSynthetic(db, { seed, scale: "tiny", months });
      const sqlPath = `${dir}/sql.parquet`, tsPath = `${dir}/ts.parquet`;
      await writeParquet(db, "select * from pharmacy_claims order by member_id, claim_id", sqlPath);
      const rows = await writePharmacyFills(db, tsPath, dir);
      if (months === 12) {
        // the parts made in workers and one after the other in this thread: the same bytes
        await writePharmacyFills(db, `${dir}/in_process.parquet`, dir, { inProcess: true });
        assert.deepEqual(await Deno.readFile(`${dir}/in_process.parquet`), await Deno.readFile(tsPath));
      }
      const read = (path: string) =>
        `(select * from read_parquet(${sqlString(path)}, file_row_number = true))`;
      const [counts] = await queryRows(
        db,
        `select (select count(*) from ${read(sqlPath)})::integer as sql_rows,
           (select count(*) from ${read(tsPath)} )::integer as ts_rows,
           (select count(*) from (select * from ${read(sqlPath)} except select * from ${
          read(tsPath)
        }))::integer as only_sql,
           (select count(*) from (select * from ${read(tsPath)} except select * from ${
          read(sqlPath)
        }))::integer as only_ts,
           (select count(*) filter (where claim_status = 'reversed') from ${
          read(sqlPath)
        })::integer as reversals,
           (select count(*) filter (where drug_class = 'antibiotic') from ${
          read(sqlPath)
        })::integer as acute`,
      );
      assert.equal(counts!.ts_rows, rows);
      const n = (k: string) => Number(counts![k]);
      assert.ok(n("sql_rows") > 5000 && n("reversals") > 0 && n("acute") > 0, JSON.stringify(counts));
      assert.equal(counts!.ts_rows, counts!.sql_rows);
      if (counts!.only_sql !== 0 || counts!.only_ts !== 0) {
        const diff = await queryRows(
          db,
          `(select 'sql' as side, * from ${read(sqlPath)} except select 'sql', * from ${
            read(tsPath)
          } order by file_row_number limit 3)
           union all
           (select 'ts', * from ${read(tsPath)} except select 'ts', * from ${
            read(sqlPath)
          } order by file_row_number limit 3)`,
        );
        assert.fail(
          `rows differ (file row number included): ${JSON.stringify(counts)}\n${
            JSON.stringify(diff, null, 1)
          }`,
        );
      }
    } finally {
      closeDb(db);
      await Deno.remove(dir, { recursive: true });
    }
  });
}
