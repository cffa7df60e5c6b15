/**
 * Every page in the navigation renders in Chromium with no cell error, no console error and no
 * request to another host; a full-page screenshot of each goes to test/screenshots/. The methodology
 * pages, model cards and data dictionary are rendered once, in methodology_test.ts, which makes these
 * checks and also compares their figures with the build's outputs.
 */
import assert from "node:assert/strict";
import { SECTIONS } from "../../platform/navigation.ts";
import { screenshot } from "../support/browser.ts";
import { METHODOLOGY_PAGES } from "../support/methodology_pages.ts";
import { inPool } from "../support/pool.ts";
import { withBuiltSite } from "../support/site_session.ts";

const PAGES = ["/", ...SECTIONS.flatMap((s) => s.pages.map((p) => p.path))].filter((p) =>
  !METHODOLOGY_PAGES.includes(p)
);
const PAGES_AT_ONCE = 2;

Deno.test("every page renders without errors", async (t) => {
  await withBuiltSite(async ({ visit }) => {
    // Two pages at a time: much of a page's time is spent waiting for the network to settle.
    const rendered = inPool(PAGES, PAGES_AT_ONCE, async (path) => {
      const { page, log } = await visit(path);
      // Give cells that await data a moment after the network settles.
      await page.waitForTimeout(500);
      await screenshot(
        page,
        path === "/" ? "home" : path.replace(/^\//, "").replace(/\/$/, "/index").replaceAll("/", "-"),
      );
      const errors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent));
      assert.deepEqual(errors, [], `cell errors on ${path}`);
      assert.ok((await page.textContent("main h1"))?.trim(), `${path} has a heading`);
      assert.deepEqual(log.offHost, []);
      assert.deepEqual(log.consoleErrors, []);
      await page.close();
    });
    for (const [i, path] of PAGES.entries()) await t.step(path, () => rendered[i]!);
  });
});

Deno.test("the Prediction center shows the ranking, the verdict and every chart", async () => {
  await withBuiltSite(async ({ visit }) => {
    const { page, log } = await visit("/utilization/prediction");
    // The cells that await the Parquet files fill in after the network settles.
    await page.waitForFunction(
      `/Against|Not fitted|No backtest/.test(document.querySelector(".verdict")?.textContent ?? "")
        && document.querySelectorAll("main figure h2").length >= 5`,
      null,
      { timeout: 60_000 },
    );
    const verdict = (await page.textContent(".verdict")) ?? "";
    assert.match(verdict, /Against persistence the model .* Against the base rate the model /);
    // Ranking bars, drivers, backtest by month, calibration, odds ratios.
    const titles = await page.$$eval("main figure h2", (els) => els.map((e) => e.textContent ?? ""));
    for (
      const title of [
        /most likely to be High risk/,
        /What moves/,
        /in each backtest month/,
        /observed share/,
        /Odds ratio/,
      ]
    ) {
      assert.ok(titles.some((t) => title.test(t)), `a chart titled ${title} among ${JSON.stringify(titles)}`);
    }
    const rows = await page.$$eval(
      "main table",
      (tables) => tables.map((t) => t.querySelectorAll("tbody tr").length),
    );
    assert.ok(rows.length >= 5 && rows.every((n) => n > 0), `tables with rows: ${rows}`);
    const downloads = await page.$$eval("button.csv-download", (els) => els.length);
    assert.ok(downloads >= 5, `${downloads} CSV buttons`);
    // Choosing another company redraws its drivers.
    const select = page.locator("main form select").first();
    const options = await select.locator("option").allTextContents();
    await select.selectOption({ index: 1 });
    await page.waitForTimeout(300);
    const after = await page.$$eval("main figure h2", (els) => els.map((e) => e.textContent ?? ""));
    const name = options[1]!.replace(/^\d+\. /, "");
    assert.ok(after.some((t) => t.includes(`What moves ${name}`)), `drivers of ${name}`);
    assert.deepEqual(log.offHost, []);
    assert.deepEqual(log.consoleErrors, []);
    await page.close();
  });
});
