/**
 * `deno task pipeline --out DIR [--input DIR] [--mapping NAME] [--seed N] [--scale NAME] [--months N] [--stage core|utilization]`: runs the
 * same pipeline the site build runs and writes every Parquet output and the manifest to DIR (`--stage core`: the data
 * layer only — members, eligibility, member-months, providers, claims, pharmacy and their marts; `--stage
 * utilization`: that plus the company-month utilization tables).
 */
import process from "node:process";
import { parseArgs } from "node:util";
import { runPipeline, STAGES } from "./pipeline.ts";
import { inputFromEnv, scaleFromEnv, seedFromEnv } from "./settings.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    out: { type: "string" },
    seed: { type: "string" },
    scale: { type: "string" },
    months: { type: "string" },
    input: { type: "string" },
    mapping: { type: "string" },
    "report-memory": { type: "boolean" },
    "on-disk": { type: "boolean" },
    "memory-limit": { type: "string" },
    stage: { type: "string" },
  },
  strict: true,
});
if (!values.out) {
  console.error(
    "usage: deno task pipeline --out DIR [--input DIR] [--mapping NAME|FILE] [--seed N] [--scale tiny|small|default|10k|100k|1m] [--months N] [--on-disk] [--memory-limit SIZE] [--stage core|utilization|all]",
  );
  Deno.exit(2);
}
const overrides: Record<string, string | undefined> = {
  LODESTAR_SEED: values.seed,
  LODESTAR_SCALE: values.scale,
  LODESTAR_INPUT: values.input,
  LODESTAR_MAPPING: values.mapping,
};
const env = (name: string) => overrides[name] ?? Deno.env.get(name);
const months = values.months === undefined ? undefined : Number(values.months);
if (months !== undefined && (!Number.isInteger(months) || months < 12)) {
  console.error(`--months must be an integer of at least 12 (got "${values.months}")`);
  Deno.exit(2);
}
const stage = STAGES.find((s) => s === values.stage);
if (values.stage !== undefined && stage === undefined) {
  console.error(`--stage must be one of ${STAGES.join(", ")} (got "${values.stage}")`);
  Deno.exit(2);
}
const manifest = await runPipeline({
  out: values.out,
  seed: seedFromEnv(env),
  scale: scaleFromEnv(env),
  ...inputFromEnv(env),
  ...(values["on-disk"] ? { onDisk: true } : {}),
  ...(values["memory-limit"] ? { memoryLimit: values["memory-limit"] } : {}),
  ...(months ? { months } : {}),
  ...(stage ? { stage } : {}),
});
console.error(`wrote ${manifest.files.length} tables to ${values.out}`);
if (values["report-memory"]) {
  // Peak resident memory of this process (getrusage maxrss), including DuckDB's native allocations.
  const usage = process.resourceUsage();
  console.error(`peak memory: ${Math.round(usage.maxRSS / 1024)} MiB`);
  // CPU time of all threads: on a shared machine a steadier measure of the work than wall time.
  console.error(`cpu time: ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(1)} s`);
  // jemalloc when platform/with_jemalloc.sh preloaded it (deno task pipeline), otherwise the system's
  console.error(`malloc: ${Deno.env.get("LODESTAR_MALLOC") === "jemalloc" ? "jemalloc" : "system"}`);
}
