/**
 * Throughput and peak memory at several synthetic scales, each run in its own process
 * (`deno task pipeline … --months 12`), so peak memory is that process's own high-water mark
 * (getrusage maxrss), and its CPU time (all threads), which on a machine shared with other work
 * measures the pipeline's own work more steadily than wall time. Two stages:
 * - `core`: generation + the core tables and their Parquet files (`--stage core`), at every scale;
 * - `all`: the whole pipeline (every output), at the scales up to 100k.
 *
 * It also prints each run's wall seconds by phase: generation, the two claim files, everything
 * after (`pipelinePhases`).
 *
 *   deno run -A bench/pipeline_scale.ts [scale …]     (default: 10k 100k 1m)
 */
import { join } from "node:path";
import { readProgress } from "../loaders/lib/log.ts";
import { pipelinePhases } from "./pipeline_phases.ts";

const scales = Deno.args.length > 0 ? Deno.args : ["10k", "100k", "1m"];
const deno = Deno.execPath();
const rows: Record<string, string | number>[] = [];
const phases: Record<string, string | number>[] = [];
const runs = [
  ...scales.map((scale) => ({ scale, stage: "core" })),
  ...scales.filter((scale) => scale !== "1m").map((scale) => ({ scale, stage: "all" })),
];
for (const { scale, stage } of runs) {
  const out = await Deno.makeTempDir({ prefix: `lodestar-bench-${scale}-` });
  const started = performance.now();
  const child = await new Deno.Command(deno, {
    args: [
      "run",
      "--no-prompt",
      "--allow-ffi",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      new URL("../loaders/cli.ts", import.meta.url).pathname,
      "--out",
      out,
      "--scale",
      scale,
      "--months",
      "12",
      "--report-memory",
      "--stage",
      stage,
      // DuckDB's memory is capped by the pipeline's default limit (2 GB; the 1m run spills beyond it)
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - started) / 1000;
  const stderr = new TextDecoder().decode(child.stderr);
  if (!child.success) {
    console.error(stderr);
    rows.push({ scale, stage, status: `failed (exit ${child.code})`, seconds: seconds.toFixed(1) });
    continue;
  }
  const manifest = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
  const count = (name: string) =>
    manifest.files.find((f: { name: string }) => f.name === `${name}.parquet`)?.rows ?? 0;
  const peak = /peak memory: (\d+) MiB/.exec(stderr)?.[1];
  const cpu = /cpu time: ([\d.]+) s/.exec(stderr)?.[1];
  const malloc = /malloc: (\w+)/.exec(stderr)?.[1];
  const claimRows = count("medical_claims") + count("pharmacy_claims");
  rows.push({
    scale,
    stage,
    members: count("members"),
    "claim + fill rows": claimRows,
    seconds: Number(seconds.toFixed(1)),
    "rows/s": Math.round(claimRows / seconds),
    "peak MiB": peak ? Number(peak) : "n/a",
    // user + system CPU of all threads; divided by the cores, the wall time of an unloaded machine
    "cpu s": cpu ? Number(cpu) : "n/a",
    // jemalloc when the bench runs under platform/with_jemalloc.sh (deno task bench) and it is installed
    malloc: malloc ?? "n/a",
  });
  phases.push({
    scale,
    stage,
    ...Object.fromEntries(pipelinePhases(readProgress(stderr), ["medical_claims", "pharmacy_claims"])),
  });
  await Deno.remove(out, { recursive: true });
}
console.table(rows);
console.log(
  "Wall seconds by phase (from the progress lines; the claim files are made, sorted and written in theirs):",
);
console.table(phases);
