/**
 * The methodology section, model cards, reproducibility page and data dictionary in Chromium: each
 * renders with a heading and no cell error, console error or request to another host, its formulas are
 * laid out as math, and every figure it displays equals the same cell of the build's own output files.
 * Full-page screenshots go to test/screenshots/. (pages_test.ts renders every other page.)
 */
import assert from "node:assert/strict";
import { screenshot } from "../support/browser.ts";
import {
  type DisplayedMetric,
  displayedMetrics,
  distLookup,
  metricMismatches,
} from "../support/displayed_metrics.ts";
import { METHODOLOGY_PAGES } from "../support/methodology_pages.ts";
import { inPool } from "../support/pool.ts";
import { withBuiltSite } from "../support/site_session.ts";

const PAGES = METHODOLOGY_PAGES;
const PAGES_AT_ONCE = 2;

Deno.test("metricMismatches() fails a planted wrong figure and passes the true one", async () => {
  const lookup = (_source: string, where: Record<string, unknown>, field: string) =>
    Promise.resolve(where.metric === "roc_auc" && field === "model_value" ? [0.88133] : []);
  const shown: DisplayedMetric = {
    source: "risk_comparison",
    where: '{"metric":"roc_auc"}',
    field: "model_value",
    format: "fixed:3",
    text: "0.881",
  };
  assert.deepEqual(await metricMismatches([shown], lookup), []);
  assert.deepEqual(await metricMismatches([{ ...shown, text: "0.915" }], lookup), [
    'risk_comparison {"metric":"roc_auc"} model_value: page shows "0.915", build output says "0.881"',
  ]);
  assert.match((await metricMismatches([{ ...shown, where: '{"metric":"brier"}' }], lookup))[0]!, /0 rows/);
});

Deno.test("methodology pages show only build outputs", async (t) => {
  await withBuiltSite(async ({ dist, visit }) => {
    const { lookup, close } = await distLookup(dist);
    try {
      // Two pages at a time: much of a page's time is spent waiting for the network to settle.
      const checked = inPool(PAGES, PAGES_AT_ONCE, async (path) => {
        const { page, log } = await visit(path);
        await page.waitForTimeout(800);
        await screenshot(page, path.replace(/^\//, "").replace(/\/$/, "/index").replaceAll("/", "-"));
        const errors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent));
        assert.deepEqual(errors, [], `cell errors on ${path}`);
        assert.ok((await page.textContent("main h1"))?.trim(), `${path} has a heading`);
        assert.deepEqual(log.offHost, []);
        assert.deepEqual(log.consoleErrors, []);
        const heights = await page.$$eval(
          "math[display=block]",
          (els) => els.map((e) => e.getBoundingClientRect().height),
        );
        assert.ok(heights.every((h) => h > 10), `${path}: a formula is not laid out (${heights})`);
        const shown = await displayedMetrics(page);
        if (!/\/$|dictionary$/.test(path)) assert.ok(shown.length > 0, `${path} shows no build figure`);
        assert.deepEqual(await metricMismatches(shown, lookup), [], path);
        await page.close();
      });
      for (const [i, path] of PAGES.entries()) await t.step(path, () => checked[i]!);
    } finally {
      close();
    }
  });
});
