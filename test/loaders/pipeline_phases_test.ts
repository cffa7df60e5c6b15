import assert from "node:assert/strict";
import { pipelinePhases } from "../../bench/pipeline_phases.ts";
import { readProgress } from "../../loaders/lib/log.ts";

const LOG = `[  0.4s] synthetic: entities for scale 1m (12 months)
[ 20.3s] synthetic: exposure: 10,563,182 rows
noise that is not a progress line
[ 58.3s] synthetic: screening_history: 412,544 rows
[ 95.1s] pipeline: wrote medical_claims.parquet (11,925,118 rows, 194,884,703 bytes)
[137.6s] pipeline: wrote pharmacy_claims.parquet (18,383,402 rows, 175,235,087 bytes)
[138.3s] pipeline: building member_months
[163.0s] pipeline: wrote rejects_summary.parquet (0 rows, 254 bytes)
peak memory: 3265 MiB`;

Deno.test("readProgress keeps the progress lines, with their seconds, stage and message", () => {
  const lines = readProgress(LOG);
  assert.deepEqual(lines.length, 7);
  assert.deepEqual(lines[1], { seconds: 20.3, stage: "synthetic", message: "exposure: 10,563,182 rows" });
  assert.deepEqual(lines[6]!.seconds, 163);
});

Deno.test("pipelinePhases splits the run at the named files' lines (hand-worked from the log)", () => {
  assert.deepEqual(pipelinePhases(readProgress(LOG), ["medical_claims", "pharmacy_claims"]), [
    ["generation or loading", 58.3], // the line before medical_claims
    ["medical_claims", 36.8], // 95.1 − 58.3
    ["pharmacy_claims", 42.5], // 137.6 − 95.1
    ["everything after", 25.4], // 163.0 − 137.6
  ]);
});

Deno.test("pipelinePhases refuses a log that does not report a named file", () => {
  assert.throws(
    () => pipelinePhases(readProgress(LOG), ["medical_claims", "eligibility"]),
    /eligibility\.parquet/,
  );
});
