/**
 * Pipeline runs shared by test modules: each (seed, scale, months), and each analyst folder with its
 * mapping, is run once per test run.
 */
import { type PipelineOptions, runPipeline, type Stage } from "../../loaders/pipeline.ts";
import type { Manifest } from "../../loaders/manifest.ts";
import { sharedAcrossModules } from "./run_scratch.ts";

const runs = new Map<string, Promise<{ dir: string; manifest: Manifest }>>();

/** Runs the pipeline with `options` into a temp folder the first time `key` is asked for in this test run. */
function sharedRun(
  key: string,
  options: Omit<PipelineOptions, "out">,
): Promise<{ dir: string; manifest: Manifest }> {
  let run = runs.get(key);
  if (!run) {
    run = sharedAcrossModules(`pipeline-${key}`, async () => {
      const dir = await Deno.makeTempDir({ prefix: "lodestar-run-" });
      const manifest = await runPipeline({ out: dir, ...options });
      return { dir, manifest };
    });
    runs.set(key, run);
  }
  return run;
}

/**
 * Runs the pipeline on the synthetic payer into a temp folder once per argument set and test run, and
 * returns where it wrote. Tests must not write into that folder.
 */
export function pipelineRun(
  seed: number,
  scale: string,
  months?: number,
): Promise<{ dir: string; manifest: Manifest }> {
  return sharedRun(`${seed}/${scale}/${months ?? ""}`, { seed, scale, ...(months ? { months } : {}) });
}

/**
 * Runs the pipeline on the synthetic payer up to `stage` (its outputs are byte-identical to a full run's
 * files of the same names) once per argument set and test run. Tests must not write into that folder.
 */
export function stageRun(
  seed: number,
  scale: string,
  stage: Exclude<Stage, "all">,
): Promise<{ dir: string; manifest: Manifest }> {
  return sharedRun(`${seed}/${scale}//${stage}`, { seed, scale, stage });
}

/**
 * Runs the pipeline on an analyst's folder `input` read through `mapping` (seed 1, one DuckDB thread)
 * once per test run, and returns where it wrote. Tests must not write into that folder.
 */
export function inputRun(input: string, mapping: string): Promise<{ dir: string; manifest: Manifest }> {
  return sharedRun(`input/${input}/${mapping}`, { seed: 1, input, mapping, threads: 1 });
}
