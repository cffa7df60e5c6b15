/**
 * `deno task cut-points-report [--seeds N]`: recomputes the 2026 cut points from CMS's Measure Data
 * and writes `docs/cut-points-validation.md` and `test/output/cut_points_2026.csv`.
 */
import { parseArgs } from "node:util";
import { CMS_GROUP_SEED } from "../../src/lib/stars/cut_points_cluster.ts";
import {
  seedSpread,
  validateCutPoints2026,
  validationCsv,
  validationMarkdown,
} from "./cut_points_validation.ts";

const { values } = parseArgs({ args: Deno.args, options: { seeds: { type: "string" } }, strict: true });
const extraSeeds = Number(values.seeds ?? "4");
if (!Number.isInteger(extraSeeds) || extraSeeds < 0) {
  console.error(`--seeds must be a whole number of extra seeds (got "${values.seeds}")`);
  Deno.exit(2);
}
const root = new URL("../../", import.meta.url).pathname;
const inputs = { cmsDir: `${root}data/reference/cms-2026`, starsDir: `${root}data/reference/stars` };
const seeds = [CMS_GROUP_SEED, ...Array.from({ length: extraSeeds }, (_, i) => i + 1)];
const rows = validateCutPoints2026(inputs);
Deno.writeTextFileSync(`${root}test/output/cut_points_2026.csv`, validationCsv(rows));
Deno.writeTextFileSync(
  `${root}docs/cut-points-validation.md`,
  validationMarkdown(rows, seedSpread(inputs, seeds), seeds),
);
console.error(
  `wrote docs/cut-points-validation.md and test/output/cut_points_2026.csv (${rows.length} rows)`,
);
