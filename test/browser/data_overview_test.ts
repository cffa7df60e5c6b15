import assert from "node:assert/strict";
import { screenshot } from "../support/browser.ts";
import { withBuiltSite } from "../support/site_session.ts";

Deno.test("the data overview shows its tables, benchmark sources and rejects", async (t) => {
  await withBuiltSite(async ({ visit }) => {
    const { page, log } = await visit("/data/");

    await t.step("the Tables section lists the outputs with their rows and hashes", async () => {
      // the manifest's table comes first, the benchmark sources second
      await page.waitForSelector("main form table tbody tr", { timeout: 30_000 });
      const rows = await page.$$eval(
        "main form table",
        (tables) =>
          [...tables[0]!.querySelectorAll("tbody tr")].map((tr) =>
            [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")
          ),
      );
      const names = rows.map((r) => r.find((c) => /^[a-z_]+$/.test(c)));
      for (const name of ["providers", "members", "eligibility", "member_months", "medical_claims"]) {
        assert.ok(names.includes(name), `${name} among ${names}`);
      }
      // every listed table shows a 16-hex-digit hash prefix
      assert.ok(rows.every((r) => r.some((c) => /^[0-9a-f]{16}$/.test(c))), JSON.stringify(rows[0]));
    });

    await t.step("the benchmark table gives every rate with its range and source", async () => {
      await page.waitForFunction(`document.querySelectorAll("main form table").length >= 2`, null, {
        timeout: 30_000,
      });
      const rows = await page.$$eval(
        "main form table",
        (tables) =>
          [...tables[1]!.querySelectorAll("tbody tr")].map((tr) =>
            [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")
          ),
      );
      // 7 rates for each of the two lines of business
      assert.equal(rows.length, 14);
      assert.ok(rows.every((r) => r.includes("inside") || r.includes("outside")), JSON.stringify(rows[0]));
    });

    await t.step("the synthetic default shows no analyst-file note, and no stray value", async () => {
      assert.equal(await page.locator("main .note").count(), 0);
      const blocks = await page.$$eval(
        "main .observablehq--block",
        (els) => els.map((e) => e.textContent?.trim()),
      );
      assert.ok(!blocks.includes("null") && !blocks.includes("undefined"), JSON.stringify(blocks));
    });

    await t.step("the rejects section says that no row was rejected", async () => {
      assert.equal(
        (await page.textContent("main p:has-text('No input row was rejected')"))?.trim(),
        "No input row was rejected.",
      );
    });
    await screenshot(page, "data-overview");
    assert.deepEqual(log.offHost, []);
    assert.deepEqual(log.consoleErrors, []);
    await page.close();
  });
});
