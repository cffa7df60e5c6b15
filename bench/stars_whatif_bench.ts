/**
 * What-If recomputation per slider move: one contract's 45 measures → measure stars → Part C, Part D and
 * overall ratings (with the improvement and reward-factor runs), on CMS's real 2026 files. A page recomputes
 * this once per slider move, so it must stay far below one animation frame (16 ms).
 */
import { join } from "node:path";
import { readCmsStarFiles } from "../loaders/stars/cms_files.ts";
import { readCatalogue } from "../loaders/stars/reference.ts";
import { contractsFromCms, cutPointsByKey, measureStatesFromCms } from "../src/lib/stars/cms_contracts.ts";
import { RULES_2026 } from "../src/lib/stars/rules.ts";
import { membersToNextStar, whatIf, type WhatIfContext } from "../src/lib/stars/whatif.ts";

const dir = join(import.meta.dirname!, "..", "data", "reference", "cms-2026");
const catalogue = await readCatalogue(2026);
const files = await readCmsStarFiles(dir, 2026);
const id = "H0028";
const [input] = contractsFromCms(files.measureStars, files.cai, catalogue).filter((c) =>
  c.profile.contractId === id
);
const ctx: WhatIfContext = {
  catalogue,
  rules: RULES_2026,
  cutPoints: cutPointsByKey(files.cutPoints!, catalogue, false),
  profile: input!.profile,
};
const measures = measureStatesFromCms(
  files.measureData!.contracts.find((c) => c.contractId === id)!,
  files.measureStars.contracts.find((c) => c.contractId === id)!,
  catalogue,
);
let delta = 0;

Deno.bench("whatIf(): one slider move on a 2026 MA-PD contract (before and after)", () => {
  delta = (delta + 1) % 10;
  whatIf(ctx, measures, [{ key: "pdc_statins", scoreDelta: delta }, { key: "cbp", scoreDelta: delta / 2 }]);
});

Deno.bench("membersToNextStar(): distance in members for one measure", () => {
  membersToNextStar({ numerator: 7_412, denominator: 10_000 }, ctx.cutPoints.get("bcs")!, 0);
});
