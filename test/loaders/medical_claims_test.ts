/**
 * The medical claim lines made in TypeScript (`writeMedicalClaims`, in two worker parts) against
 * the SQL that defines them (`claim_lines.sql`, `medical_claims.sql`): the same rows, values and order.
 */
import assert from "node:assert/strict";
import { closeDb, openDb, queryRows, sqlString, writeParquet } from "../../loaders/lib/duckdb.ts";
import { generateSynthetic } from "../../loaders/synthetic/generate.ts";
import { writeMedicalClaims } from "../../loaders/synthetic/medical_claims.ts";
import { assertSameRows } from "../support/same_rows.ts";

for (const [seed, months] of [[20261, 12], [7, 24]] as const) {
  Deno.test(`writeMedicalClaims() writes medical_claims.sql's rows in its order (seed ${seed}, ${months} months)`, async () => {
    const dir = await Deno.makeTempDir({ prefix: "lodestar-medical-" });
    const db = await openDb();
    try {
      await generateSynthetic(db, { seed, scale: "tiny", months });
      const sqlPath = `${dir}/sql.parquet`, tsPath = `${dir}/ts.parquet`;
      await writeParquet(
        db,
        "select * from medical_claims order by member_id, claim_id, claim_line_number",
        sqlPath,
      );
      const rows = await writeMedicalClaims(db, tsPath, dir);
      if (months === 12) {
        // the parts made in workers and one after the other in this thread: the same bytes
        await writeMedicalClaims(db, `${dir}/in_process.parquet`, dir, { inProcess: true });
        assert.deepEqual(await Deno.readFile(`${dir}/in_process.parquet`), await Deno.readFile(tsPath));
      }
      assert.equal(await assertSameRows(db, sqlPath, tsPath), rows);
      // every kind of line is there: the comparison covers them all
      const [kinds] = await queryRows(
        db,
        `select count(*)::integer as n,
           count(*) filter (where claim_status = 'reversed')::integer as reversals,
           count(*) filter (where claim_status = 'rejected')::integer as rejected,
           count(distinct procedure_category)::integer as categories,
           count(*) filter (where procedure_category like '%_result')::integer as results,
           count(*) filter (where procedure_category = 'lab_panel')::integer as labs,
           count(*) filter (where service_category = 'inpatient')::integer as stays
         from read_parquet(${sqlString(sqlPath)})`,
      );
      const n = (k: string) => Number(kinds![k]);
      assert.ok(
        n("n") > 5000 && n("reversals") > 0 && n("rejected") > 0 && n("categories") >= 20 &&
          n("results") > 0 &&
          n("labs") > 0 && n("stays") > 0,
        JSON.stringify(kinds),
      );
    } finally {
      closeDb(db);
      await Deno.remove(dir, { recursive: true });
    }
  });
}
