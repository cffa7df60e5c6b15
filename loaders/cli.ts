/**
 * `deno task pipeline --out DIR [--seed N]`: runs the same pipeline the site build runs and writes
 * every Parquet output and the manifest to DIR.
 */
import { parseArgs } from "node:util";
import { runPipeline } from "./pipeline.ts";
import { seedFromEnv } from "./settings.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { out: { type: "string" }, seed: { type: "string" } },
  strict: true,
});
if (!values.out) {
  console.error("usage: deno task pipeline --out DIR [--seed N]");
  Deno.exit(2);
}
const seed = seedFromEnv((name) =>
  name === "LODESTAR_SEED" && values.seed !== undefined ? values.seed : Deno.env.get(name)
);
const manifest = await runPipeline({ out: values.out, seed });
console.error(`wrote ${manifest.files.length} tables to ${values.out}`);
