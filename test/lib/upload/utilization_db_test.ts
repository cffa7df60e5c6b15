import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import type { Manifest } from "../../../loaders/manifest.ts";
import { readClaimsUpload } from "../../../src/lib/upload/claims_upload.ts";
import { computeUtilization } from "../../../src/lib/upload/utilization_db.ts";
import {
  ED_CLASSIFICATION_CSV,
  fixtureUploads,
  FLAT_CLAIMS,
  UPLOAD_CLAIMS,
  UTILIZATION_SQL,
  withEngine,
} from "./_claims_fixture.ts";
import { inputRun } from "../../support/pipeline_run.ts";

/** The build's company_month_kpis of the fixture, through runPipeline with the flat-claims mapping. */
async function pipelineKpis(): Promise<{ rows: Record<string, unknown>[]; manifest: Manifest }> {
  const { dir, manifest } = await inputRun(UPLOAD_CLAIMS, "flat-claims");
  const db = await openDb({ threads: 1 });
  try {
    const rows = await queryRows(
      db,
      `select * from '${join(dir, "company_month_kpis.parquet")}' order by company_id, year_month`,
    );
    return { rows, manifest };
  } finally {
    closeDb(db);
  }
}

Deno.test("computeUtilization() on the upload fixture gives the pipeline's company_month_kpis, value by value", async () => {
  const upload = await readClaimsUpload(await fixtureUploads(), FLAT_CLAIMS);
  assert.deepEqual(upload.problems, []);
  assert.equal(upload.capabilities.diagnoses, true);
  const { kpis } = await withEngine((engine) =>
    computeUtilization(engine, upload, UTILIZATION_SQL, { edClassificationCsv: ED_CLASSIFICATION_CSV })
  );
  const { rows: expected, manifest } = await pipelineKpis();
  assert.ok(expected.length >= 12, `${expected.length} company-months`);
  assert.ok(expected.some((r) => r.risk_band === "High") && expected.some((r) => typeof r.ivi === "number"));
  // the same rows were kept and rejected, table by table
  const counts = Object.fromEntries(upload.files.flatMap((f) => f.tables.map((t) => [t.table, t])));
  for (const table of ["providers", "members", "eligibility", "medical_claims"]) {
    const built = manifest.report!.tables[table]!;
    assert.deepEqual(
      [counts[table]?.loaded, counts[table]?.rejected],
      [built.rowsLoaded, built.rowsRejected],
      table,
    );
  }
  assert.equal(kpis.length, expected.length);
  expected.forEach((row, i) => {
    for (const [column, value] of Object.entries(row)) {
      const got = kpis[i]![column];
      assert.deepEqual(
        got ?? null,
        typeof value === "bigint" ? Number(value) : value,
        `${row.company_id} ${row.year_month} ${column}`,
      );
    }
  });
});
