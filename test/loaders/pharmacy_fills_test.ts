/**
 * The fills made in TypeScript (`writePharmacyFills`, in two worker parts) against the SQL that
 * defines them (`pharmacy_claims.sql`): the same rows, values and order.
 */
import assert from "node:assert/strict";
import { closeDb, openDb, queryRows, sqlString, writeParquet } from "../../loaders/lib/duckdb.ts";
import { generateSynthetic } from "../../loaders/synthetic/generate.ts";
import { writePharmacyFills } from "../../loaders/synthetic/pharmacy_fills.ts";
import { assertSameRows } from "../support/same_rows.ts";

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
      assert.equal(await assertSameRows(db, sqlPath, tsPath), rows);
      const [counts] = await queryRows(
        db,
        `select count(*)::integer as n, count(*) filter (where claim_status = 'reversed')::integer as reversals,
           count(*) filter (where drug_class = 'antibiotic')::integer as acute
         from read_parquet(${sqlString(sqlPath)})`,
      );
      const n = (k: string) => Number(counts![k]);
      assert.ok(n("n") > 5000 && n("reversals") > 0 && n("acute") > 0, JSON.stringify(counts));
    } finally {
      closeDb(db);
      await Deno.remove(dir, { recursive: true });
    }
  });
}
