import assert from "node:assert/strict";
import { screenshot } from "../support/browser.ts";
import { withBuiltSite } from "../support/site_session.ts";

Deno.test("the explorer page queries Parquet in the browser, draws a chart and re-runs on input", async (t) => {
  await withBuiltSite(async ({ visit }) => {
    const { page, log } = await visit("/data/explorer", { waitUntil: "load" });

    await t.step("the Plot chart is drawn from a DuckDB-WASM query", async () => {
      await page.waitForSelector('#er-chart svg g[aria-label="line"] path', { timeout: 30_000 });
      const title = await page.textContent("#er-chart figure h2, #er-chart h2");
      assert.equal(title?.trim(), "ER visits per 1,000 member-months (annualised), commercial");
    });

    await t.step("the ```sql``` cell shows the benchmark table", async () => {
      await page.waitForSelector("form table tbody tr", { timeout: 30_000 });
      const header = await page.$$eval(
        "form table thead th",
        (ths) => ths.map((th) => th.textContent?.trim()),
      );
      assert.deepEqual(header.filter((h) => h), [
        "line_of_business",
        "metric",
        "value",
        "low",
        "high",
        "within_range",
      ]);
      const first = await page.$$eval(
        "form table tbody tr:first-child td",
        (tds) => tds.map((td) => td.textContent?.trim()),
      );
      assert.equal(first[1], "commercial");
      assert.equal(first[2], "admissions_per_1000");
      assert.ok(/^\d+(\.\d+)?$/.test(first[3] ?? ""), `value is a plain number: ${first[3]}`);
    });
    await screenshot(page, "data-explorer");

    await t.step("choosing another company re-runs the query and redraws", async () => {
      const before = await page.getAttribute('#er-chart svg g[aria-label="line"] path', "d");
      await page.selectOption("form select", "medicare_advantage");
      await page.waitForFunction(
        `document.querySelector("#er-chart h2")?.textContent?.includes("medicare advantage")`,
        undefined,
        {
          timeout: 10_000,
        },
      );
      const after = await page.getAttribute('#er-chart svg g[aria-label="line"] path', "d");
      assert.notEqual(after, before);
    });

    await t.step("no request left the local server and the console shows no error", () => {
      assert.deepEqual(log.offHost, []);
      assert.deepEqual(log.consoleErrors, []);
    });
  });
});
