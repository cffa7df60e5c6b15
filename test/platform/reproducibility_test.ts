/// <reference lib="dom" />
/**
 * A reviewer who rebuilds the data from the repository with the seed and scale the Reproducibility
 * page shows gets the content hashes the page shows (small scale, as the site-build tests use).
 */
import assert from "node:assert/strict";
import { pipelineRun } from "../support/pipeline_run.ts";
import { withBuiltSite } from "../support/site_session.ts";

Deno.test("rebuilding with the page's seed and scale gives the page's hashes", async () => {
  const shown = await withBuiltSite(async ({ visit }) => {
    const { page } = await visit("/methodology/reproducibility");
    await page.waitForSelector('[data-field="sha256"]', { timeout: 30_000 });
    return await page.evaluate(() => {
      const field = (name: string) =>
        document.querySelector(`[data-source="manifest.json"][data-where="{}"][data-field="${name}"]`)
          ?.textContent ?? "";
      const hashes: Record<string, string> = {};
      for (
        const e of document.querySelectorAll<HTMLElement>(
          '[data-source="manifest.json"][data-field="sha256"]',
        )
      ) {
        hashes[(JSON.parse(e.dataset.where ?? "{}") as { name: string }).name] = e.textContent ?? "";
      }
      return {
        seed: field("seed"),
        scenario: field("scenario"),
        hashes,
        command: document.querySelector("pre.command")?.textContent ?? "",
      };
    });
  });
  const scale = shown.scenario.split("/").pop()!;
  assert.match(shown.command, new RegExp(`--seed ${shown.seed} --scale ${scale}`));
  const { manifest } = await pipelineRun(Number(shown.seed), scale);
  const rebuilt = Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256]));
  assert.ok(Object.keys(shown.hashes).length >= 40, `${Object.keys(shown.hashes).length} hashes shown`);
  assert.deepEqual(rebuilt, shown.hashes);
});
