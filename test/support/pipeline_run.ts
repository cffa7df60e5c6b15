/** Pipeline runs shared by test modules: each (seed, scale, months) is generated once per test run. */
import { runPipeline } from "../../loaders/pipeline.ts";
import type { Manifest } from "../../loaders/manifest.ts";
import { sharedAcrossModules } from "./run_scratch.ts";

const runs = new Map<string, Promise<{ dir: string; manifest: Manifest }>>();

/**
 * Runs the pipeline into a temp folder once per argument set and test run, and returns where it
 * wrote. Tests must not write into that folder.
 */
export function pipelineRun(
  seed: number,
  scale: string,
  months?: number,
): Promise<{ dir: string; manifest: Manifest }> {
  const key = `${seed}/${scale}/${months ?? ""}`;
  let run = runs.get(key);
  if (!run) {
    run = sharedAcrossModules(`pipeline-${key}`, async () => {
      const dir = await Deno.makeTempDir({ prefix: "lodestar-run-" });
      const manifest = await runPipeline({ out: dir, seed, scale, ...(months ? { months } : {}) });
      return { dir, manifest };
    });
    runs.set(key, run);
  }
  return run;
}
