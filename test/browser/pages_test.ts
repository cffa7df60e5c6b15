/**
 * Every page in the navigation renders in Chromium with no cell error, no console error and no
 * request to another host; a full-page screenshot of each goes to test/screenshots/.
 */
import assert from "node:assert/strict";
import { SECTIONS } from "../../platform/navigation.ts";
import { serveStatic } from "../../platform/static_server.ts";
import { launch, recordedPage, screenshot } from "../support/browser.ts";
import { builtSite } from "../support/site.ts";

const PAGES = ["/", ...SECTIONS.flatMap((s) => s.pages.map((p) => p.path))];

Deno.test("every page renders without errors", async (t) => {
  const { dist } = await builtSite();
  const server = serveStatic(dist, { quiet: true });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const browser = await launch();
  try {
    for (const path of PAGES) {
      await t.step(path, async () => {
        const { page, log } = await recordedPage(browser, origin);
        await page.goto(origin + path, { waitUntil: "networkidle", timeout: 60_000 });
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
    }
  } finally {
    await browser.close();
    await server.shutdown();
  }
});
