/// <reference lib="dom" />
/**
 * A reviewer who rebuilds the data from the repository with the seed and scale the Reproducibility
 * page shows gets the content hashes the page shows (small scale, as the site-build tests use).
 */
import assert from "node:assert/strict";
import { serveStatic } from "../../platform/static_server.ts";
import { launch, recordedPage } from "../support/browser.ts";
import { pipelineRun } from "../support/pipeline_run.ts";
import { builtSite } from "../support/site.ts";

Deno.test("rebuilding with the page's seed and scale gives the page's hashes", async () => {
  const { dist } = await builtSite();
  const server = serveStatic(dist, { quiet: true });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const browser = await launch();
  let shown: { seed: string; scenario: string; hashes: Record<string, string>; command: string };
  try {
    const { page } = await recordedPage(browser, origin);
    await page.goto(`${origin}/methodology/reproducibility`, { waitUntil: "networkidle", timeout: 60_000 });
    await page.waitForSelector('[data-field="sha256"]', { timeout: 30_000 });
    shown = await page.evaluate(() => {
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
  } finally {
    await browser.close();
    await server.shutdown();
  }
  const scale = shown.scenario.split("/").pop()!;
  assert.match(shown.command, new RegExp(`--seed ${shown.seed} --scale ${scale}`));
  const { manifest } = await pipelineRun(Number(shown.seed), scale);
  const rebuilt = Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256]));
  assert.ok(Object.keys(shown.hashes).length >= 40, `${Object.keys(shown.hashes).length} hashes shown`);
  assert.deepEqual(rebuilt, shown.hashes);
});
