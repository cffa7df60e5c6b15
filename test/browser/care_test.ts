import assert from "node:assert/strict";
import { screenshot } from "../support/browser.ts";
import { withBuiltSite } from "../support/site_session.ts";

/** Parses CSV text with quoted fields (RFC 4180) into rows of strings. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(field), field = "");
    else if (c === "\n") (row.push(field), rows.push(row), row = [], field = "");
    else if (c !== "\r") field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

Deno.test("care pages: the worklist filters and exports CSV, the member page follows its URL", async (t) => {
  await withBuiltSite(async ({ origin, visit }) => {
    const { page, log } = await visit("/care/worklist");
    await page.waitForSelector("form table tbody tr", { timeout: 30_000 });
    const count = async () => Number((await page.textContent("#worklist-count"))!.replaceAll(",", ""));
    const all = await count();

    await t.step("the worklist lists gaps", () => assert.ok(all > 0, `${all} gaps`));

    await t.step("choosing the high tier keeps only high-tier rows", async () => {
      const tierSelect = page.locator("form", { hasText: "Risk tier" }).locator("select");
      await tierSelect.selectOption("high");
      await page.waitForFunction(
        `Number(document.querySelector("#worklist-count")?.textContent?.replaceAll(",", "")) !== ${all}`,
        undefined,
        { timeout: 10_000 },
      );
      const high = await count();
      assert.ok(high > 0 && high < all, `${high} of ${all}`);
      const tiers = await page.$$eval(
        "form table tbody tr td:nth-child(5)",
        (tds) => [...new Set(tds.map((td) => td.textContent?.trim()))],
      );
      assert.deepEqual(tiers, ["high"]);
    });
    await screenshot(page, "care-worklist-high");

    await t.step("the export downloads a CSV with the filtered rows", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#worklist-csv")]);
      assert.equal(download.suggestedFilename(), "care_worklist.csv");
      const text = await Deno.readTextFile((await download.path())!);
      const rows = parseCsv(text);
      const header = rows[0]!;
      assert.deepEqual(header.slice(0, 4), ["priority_rank", "member_id", "contract_id", "tier"]);
      const body = rows.slice(1);
      assert.equal(body.length, await count());
      assert.ok(body.every((r) => r.length === header.length), "every row has every column");
      assert.ok(body.every((r) => r[3] === "high"), "only high-tier rows");
      const ranks = body.map((r) => Number(r[0]));
      assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), "in priority order");
    });

    await t.step(
      "the member page opens the member named in its URL, with reasons and a timeline",
      async () => {
        const member = (await page.textContent("form table tbody tr:first-child td:nth-child(3) a"))!.trim();
        await page.goto(`${origin}/care/member?member=${member}`, {
          waitUntil: "networkidle",
          timeout: 60_000,
        });
        await page.waitForSelector("#member-reasons li", { timeout: 30_000 });
        const selected = await page.$eval(
          "form select",
          (s) =>
            (s as unknown as { options: { text: string }[]; selectedIndex: number }).options[
              (s as unknown as { selectedIndex: number }).selectedIndex
            ]!.text,
        );
        assert.equal(selected, member);
        assert.equal((await page.textContent("#member-tier"))?.trim(), "high");
        assert.ok(await page.$('svg g[aria-label="dot"] circle'), "the timeline has events");
        await screenshot(page, "care-member");
      },
    );

    await t.step("no request left the local server and the console shows no error", () => {
      assert.deepEqual(log.offHost, []);
      assert.deepEqual(log.consoleErrors, []);
    });
  });
});
