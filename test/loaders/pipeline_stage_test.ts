import assert from "node:assert/strict";
import { CORE_OUTPUTS, runPipeline } from "../../loaders/pipeline.ts";
import { pipelineRun } from "../support/pipeline_run.ts";

Deno.test("runPipeline({ stage: 'core' }) writes the data layer alone, byte-identical to a full run's", async () => {
  const { manifest: full } = await pipelineRun(11, "tiny");
  const out = await Deno.makeTempDir({ prefix: "lodestar-core-" });
  try {
    const core = await runPipeline({ out, seed: 11, scale: "tiny", stage: "core" });
    assert.equal(core.stage, "core");
    assert.equal(full.stage, undefined);
    assert.deepEqual(
      core.files.map((f) => f.name).sort(),
      [...CORE_OUTPUTS].map((t) => `${t}.parquet`).sort(),
    );
    // the same bytes as the full run's files of the same names
    const fullByName = new Map(full.files.map((f) => [f.name, f]));
    for (const file of core.files) assert.deepEqual(file, fullByName.get(file.name), file.name);
    const written = [];
    for await (const entry of Deno.readDir(out)) written.push(entry.name);
    assert.deepEqual(written.sort(), [...core.files.map((f) => f.name), "manifest.json"].sort());
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
