import assert from "node:assert/strict";
import { runPipeline, STAGE_OUTPUTS } from "../../loaders/pipeline.ts";
import { pipelineRun } from "../support/pipeline_run.ts";

for (const stage of ["core", "utilization"] as const) {
  Deno.test(`runPipeline({ stage: "${stage}" }) writes its stage's outputs alone, byte-identical to a full run's`, async () => {
    const { manifest: full } = await pipelineRun(11, "tiny");
    const out = await Deno.makeTempDir({ prefix: `lodestar-${stage}-` });
    try {
      const partial = await runPipeline({ out, seed: 11, scale: "tiny", stage });
      assert.equal(partial.stage, stage);
      assert.equal(full.stage, undefined);
      assert.deepEqual(
        partial.files.map((f) => f.name).sort(),
        [...STAGE_OUTPUTS[stage]].map((t) => `${t}.parquet`).sort(),
      );
      // the same bytes as the full run's files of the same names
      const fullByName = new Map(full.files.map((f) => [f.name, f]));
      for (const file of partial.files) assert.deepEqual(file, fullByName.get(file.name), file.name);
      const written = [];
      for await (const entry of Deno.readDir(out)) written.push(entry.name);
      assert.deepEqual(written.sort(), [...partial.files.map((f) => f.name), "manifest.json"].sort());
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  });
}

Deno.test("the utilization stage adds the company-month tables to the core stage's outputs", () => {
  assert.ok(STAGE_OUTPUTS.utilization.size > STAGE_OUTPUTS.core.size);
  for (const t of STAGE_OUTPUTS.core) assert.ok(STAGE_OUTPUTS.utilization.has(t), t);
  for (const t of ["company_month_kpis", "company_month_features"]) {
    assert.ok(STAGE_OUTPUTS.utilization.has(t));
  }
});
