import assert from "node:assert/strict";
import { join } from "node:path";
import { parseCsv } from "../../../src/lib/stars/csv.ts";
import {
  contractView,
  mergeStarFiles,
  scoreWhatIf,
  workspaceContracts,
} from "../../../src/lib/upload/star_workspace.ts";
import { ROOT } from "../../support/project.ts";
import { cmsPath, FIXTURES, readPath, reference } from "./_reference.ts";

const golden = new Map(
  parseCsv(await Deno.readTextFile(join(ROOT, "test", "output", "stars_2026_ratings.csv"))).slice(1)
    .map((r) => [r[0]!, r.slice(1, 4)]),
);
const { catalogue, rules, bundled } = reference;
const show = (x: number | null) => (x === null ? "" : String(x));

Deno.test("CMS's 2026 Measure Stars + CAI + contract facts, uploaded: every contract's ratings equal the engine's golden CSV", async () => {
  const files = await Promise.all([
    readPath(cmsPath("Measure Stars")),
    readPath(cmsPath("CAI")),
    readPath(join(ROOT, "data", "reference", "stars", "cms_2026_summary_ratings.csv")),
  ]);
  assert.deepEqual(files.map((f) => f.content?.kind), ["cms_measure_stars", "cms_cai", "contract_facts"]);
  assert.deepEqual(files.flatMap((f) => f.rejects), []);
  const ws = mergeStarFiles(files);
  let rated = 0;
  for (const id of workspaceContracts(ws)) {
    const want = golden.get(id);
    if (!want) continue; // organisation types the Star Ratings do not rate
    const r = contractView(ws, id, catalogue, rules, bundled).current.ratings;
    assert.deepEqual([show(r.part_c.stars), show(r.part_d.stars), show(r.overall.stars)], want, id);
    rated++;
  }
  assert.equal(rated, 769);
});

Deno.test("uploaded Measure Data + Cut Points: the What-If moves a published score", async () => {
  const files = await Promise.all(
    ["Measure Stars", "Measure Data", "CAI", "Part C Cut Points", "Part D Cut Points"].map((w) =>
      readPath(cmsPath(w))
    ),
  );
  const ws = mergeStarFiles(files);
  const view = contractView(ws, "H0028", catalogue, rules, bundled);
  assert.equal(view.cutPointSource, "uploaded");
  const bcs = view.published.get("bcs")!;
  // BCS 2026 cut points: 58 / 71 / 76 / 84; 100% is 5 stars whatever the published score.
  const result = scoreWhatIf(view, "bcs", 100);
  assert.equal(result.after.stars.get("bcs"), 5);
  assert.equal(
    result.before.stars.get("bcs"),
    bcs >= 84 ? 5 : bcs >= 76 ? 4 : bcs >= 71 ? 3 : bcs >= 58 ? 2 : 1,
  );
});

Deno.test("member-level rates: stars through the bundled cut points and a What-If across 4 stars", async () => {
  const ws = mergeStarFiles([await readPath(join(FIXTURES, "member_results.csv"))]);
  assert.deepEqual(workspaceContracts(ws), ["H1111", "H2222"]);
  const view = contractView(ws, "H1111", catalogue, rules, bundled);
  assert.equal(view.cutPointSource, "bundled");
  // BCS 75% → 3 stars (76 needed for 4); COL 66.67% → 67 displayed; statins 66.67%.
  assert.equal(view.current.stars.get("bcs"), 3);
  const r = scoreWhatIf(view, "bcs", 76);
  assert.equal(r.after.stars.get("bcs"), 4);
  assert.equal(view.ctx.profile.kind, "ccp");
  assert.equal(view.ctx.profile.offersPartD, true);
});
