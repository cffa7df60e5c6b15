/**
 * The executive overview (`/`) in Chromium: its charts carry titles and text alternatives, it loads no DuckDB
 * and stays under 2 MB on a cold cache, it prints to a clean PDF on A4 and Letter with the charts on the pages,
 * it passes axe-core's WCAG A/AA rules (with a handful of other pages) in light and dark mode, and every link
 * in it is reachable with the keyboard. Screenshots and page images go to test/screenshots/.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { SCREENSHOTS } from "../support/browser.ts";
import { inkShare, pdfPageCount, pdfPageImages, pdfToPngs } from "../support/pdf_pages.ts";
import { measurePageLoad, OVERVIEW_READY } from "../support/page_load.ts";
import { inPool } from "../support/pool.ts";
import { ROOT } from "../support/project.ts";
import { withBuiltSite } from "../support/site_session.ts";

const TWO_MB = 2 * 1024 * 1024;
const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const AXE_PAGES = {
  light: ["/", "/utilization/", "/utilization/prediction", "/stars/overview", "/stars/whatif"],
  dark: ["/", "/utilization/prediction", "/stars/overview"],
};

async function openOverview(browser: Browser, origin: string, colorScheme: "light" | "dark"): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  await page.goto(`${origin}/`, { waitUntil: "networkidle", timeout: 60_000 });
  await page.waitForFunction(OVERVIEW_READY, null, { timeout: 60_000 });
  return page;
}

/** axe-core's serious and critical WCAG 2 A/AA violations on the page, as "rule: target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(`axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) })))`) as {
    id: string;
    impact: string;
    nodes: string[];
  }[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n}`));
}

Deno.test("the executive overview", async (t) => {
  await withBuiltSite(async ({ origin, browser }) => {
    await t.step("shows every part with charts that have a title and a text alternative", async () => {
      const page = await openOverview(browser, origin, "light");
      const headings = await page.$$eval("main h2", (els) => els.map((e) => e.textContent?.trim()));
      assert.deepEqual(headings.filter((h) => !/^(Each|How|Companies)/.test(h ?? "")), [
        "Star Ratings position",
        "Utilization risk across the employer book",
        "Top five actions",
        "What changed since last month",
      ]);
      const charts = await page.$$eval("main figure:has(svg[aria-label])", (figs) =>
        figs.map((f) => ({
          title: f.querySelector("h2")?.textContent ?? "",
          label: f.querySelector("svg")?.getAttribute("aria-label") ?? "",
          description: f.querySelector("svg")?.getAttribute("aria-description") ?? "",
        })));
      assert.equal(charts.length, 3, JSON.stringify(charts));
      for (const c of charts) {
        assert.ok(c.title.length > 20 && c.label && c.description.length > 30, JSON.stringify(c));
      }
      // Bands are named with a symbol, not by colour alone.
      const text = (await page.textContent("main")) ?? "";
      assert.match(text, /▲ High/);
      assert.equal(await page.locator("main ol.actions > li").count(), 5);
      // The KPI table: six rows of name, this month, last month, change.
      const kpiCells = await page.$$eval(
        "main table.kpi-deltas tbody tr",
        (rows) => rows.map((r) => r.children.length),
      );
      assert.deepEqual(kpiCells, [4, 4, 4, 4, 4, 4]);
      // Every figure links to the page that explains it.
      const links = await page.$$eval("main a[href]", (as) => as.map((a) => a.getAttribute("href")));
      for (
        const href of [
          "./stars/whatif",
          "./stars/overview",
          "./utilization/prediction",
          "./methodology/stars-engine",
        ]
      ) {
        assert.ok(links.includes(href), `a link to ${href}`);
      }
      const errors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent));
      assert.deepEqual(errors, []);
      await page.screenshot({ path: join(SCREENSHOTS, "overview-light.png"), fullPage: true });
      await page.close();
    });

    await t.step("loads no DuckDB and transfers under 2 MB on a cold cache", async () => {
      const load = await measurePageLoad(browser, `${origin}/`, { ready: OVERVIEW_READY });
      const duckdb = load.urls.filter((u) => /duckdb|\.wasm/i.test(u));
      assert.deepEqual(duckdb, []);
      assert.ok(
        load.urls.some((u) => /executive_summary\.[0-9a-f]+\.json$/.test(u)),
        "reads the summary JSON",
      );
      assert.ok(!load.urls.some((u) => u.endsWith(".parquet")), "reads no Parquet");
      assert.ok(
        load.transferredBytes > 0 && load.transferredBytes < TWO_MB,
        `${load.transferredBytes} bytes`,
      );
    });

    await t.step("follows a dark system setting", async () => {
      const page = await openOverview(browser, origin, "dark");
      const background = String(await page.evaluate("getComputedStyle(document.body).backgroundColor"));
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      assert.ok(r! + g! + b! < 150, `dark background (${background})`);
      await page.screenshot({ path: join(SCREENSHOTS, "overview-dark.png"), fullPage: true });
      await page.close();
    });

    await t.step("prints to a clean PDF on A4 and Letter with the charts on the pages", async () => {
      const page = await openOverview(browser, origin, "light");
      const dir = await Deno.makeTempDir({ prefix: "lodestar-pdf-" });
      try {
        for (const format of ["A4", "Letter"] as const) {
          const pdf = join(dir, `overview-${format}.pdf`);
          await page.pdf({ path: pdf, format, printBackground: true });
          const pages = await pdfPageCount(pdf);
          // One page per section (four), a section may run onto a second page.
          assert.ok(pages >= 4 && pages <= 8, `${format}: ${pages} pages`);
          await pdfToPngs(pdf, join(SCREENSHOTS, `overview-print-${format}`));
          // The same print with the charts made invisible (same layout): the ink that disappears is the charts'.
          await page.addStyleTag({ content: "main svg { visibility: hidden !important; }" });
          const blank = join(dir, `overview-${format}-nocharts.pdf`);
          await page.pdf({ path: blank, format, printBackground: true });
          await page.evaluate(`document.querySelector("head style:last-of-type")?.remove()`);
          assert.equal(await pdfPageCount(blank), pages, "hiding the charts keeps the layout");
          const withCharts = await pdfPageImages(pdf, dir, `${format}-with`, 40);
          const without = await pdfPageImages(blank, dir, `${format}-without`, 40);
          const chartInk = withCharts.map((img, i) => inkShare(img) - inkShare(without[i]!));
          const chartPages = chartInk.filter((x) => x > 0.005).length;
          assert.ok(chartPages >= 2, `${format}: chart ink per page ${chartInk.map((x) => x.toFixed(4))}`);
          // No page is blank and none is solid (a dark background printed would be).
          for (const [i, img] of withCharts.entries()) {
            const ink = inkShare(img);
            assert.ok(ink > 0.005 && ink < 0.5, `${format} page ${i + 1}: ink share ${ink.toFixed(4)}`);
          }
        }
        // The print has no sidebar, header or footer.
        await page.emulateMedia({ media: "print" });
        for (const selector of ["#observablehq-sidebar", "#observablehq-footer", "#observablehq-toc"]) {
          const shown = await page.evaluate(
            `Array.from(document.querySelectorAll(${
              JSON.stringify(selector)
            })).filter((e) => getComputedStyle(e).display !== "none").length`,
          );
          assert.equal(shown, 0, `${selector} hidden in print`);
        }
      } finally {
        await page.close();
        await Deno.remove(dir, { recursive: true });
      }
    });

    await t.step(
      "says so in a sentence when the data has no rated contract and no recommendation",
      async () => {
        // Commercial-only data: the summary's star and action lists are empty (as loaders/report/step.ts writes them).
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await page.route(/executive_summary\.[0-9a-f]+\.json$/, async (route) => {
          const summary = await (await route.fetch()).json();
          summary.stars = { contracts: [], compare_year: null, movements: [] };
          summary.actions = { recommendations: 0, top: [] };
          await route.fulfill({ json: summary });
        });
        await page.goto(`${origin}/`, { waitUntil: "networkidle", timeout: 60_000 });
        await page.waitForFunction(`document.querySelectorAll("main svg[aria-label]").length >= 2`, null, {
          timeout: 60_000,
        });
        await page.waitForTimeout(300);
        const text = (await page.textContent("main")) ?? "";
        assert.match(text, /No Medicare Advantage contract is rated in this data/);
        assert.match(text, /No recommendation was made for this data/);
        assert.match(text, /no contract is rated in this data/);
        assert.equal(await page.locator("main svg[aria-label='Star position chart']").count(), 0);
        assert.deepEqual(
          await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent)),
          [],
        );
        await page.screenshot({ path: join(SCREENSHOTS, "overview-no-stars.png"), fullPage: true });
        await page.close();
      },
    );

    await t.step(
      "keyboard: Tab reaches every link of the report, each with a visible focus ring",
      async () => {
        const page = await openOverview(browser, origin, "light");
        const links = await page.$$eval("main a[href]", (as) => as.length);
        const reached = new Set<string>();
        for (let i = 0; i < links + 80 && reached.size < links; i++) {
          await page.keyboard.press("Tab");
          const focus = await page.evaluate(`(() => {
          const el = document.activeElement;
          if (!el || !el.closest("main") || el.tagName !== "A") return null;
          const all = Array.from(document.querySelectorAll("main a[href]"));
          const style = getComputedStyle(el);
          return { index: all.indexOf(el), ring: style.outlineStyle !== "none" && style.outlineWidth !== "0px" };
        })()`) as { index: number; ring: boolean } | null;
          if (focus) {
            assert.ok(focus.ring, `link ${focus.index} shows its focus`);
            reached.add(String(focus.index));
          }
        }
        assert.equal(reached.size, links, `reached ${reached.size} of ${links} links`);
        await page.close();
      },
    );

    await t.step("axe-core finds no serious or critical violation, light or dark", async () => {
      const pages = (["light", "dark"] as const).flatMap((colorScheme) =>
        AXE_PAGES[colorScheme].map((path) => ({ path, colorScheme }))
      );
      // Two pages at a time: much of a page's time is spent waiting for it to settle.
      const found = inPool(pages, 2, async ({ path, colorScheme }) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
        await page.goto(origin + path, { waitUntil: "networkidle", timeout: 60_000 });
        await page.waitForTimeout(1000);
        const violations = await axeViolations(page);
        await page.close();
        return violations;
      });
      for (const [i, { path, colorScheme }] of pages.entries()) {
        assert.deepEqual(await found[i], [], `${path} (${colorScheme})`);
      }
    });
  });
});
