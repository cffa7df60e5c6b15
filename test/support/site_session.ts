/**
 * One way to run a real-browser test against the built site: the shared build (`builtSite()`) is served
 * on 127.0.0.1, Chromium is launched on it, and both are closed and shut down when the test's body
 * settles, whether it passed or threw.
 */
import type { Browser, Page } from "playwright-core";
import { serveStatic } from "../../platform/static_server.ts";
import { type PageLog, recordedPage, withChromium } from "./browser.ts";
import { builtSite } from "./site.ts";

/** How `visit()` waits for a page (Playwright's `page.goto` options). */
export interface VisitOptions {
  /** The load event to wait for (default `"networkidle"`). */
  waitUntil?: "load" | "domcontentloaded" | "networkidle" | "commit";
  /** Milliseconds before the navigation fails (default 60,000). */
  timeout?: number;
}

/** What a test body gets: the served site, the browser, and a way to open recorded pages. */
export interface SiteSession {
  /** `http://127.0.0.1:PORT`, where `dist` is served. */
  origin: string;
  /** The shared build's `dist/` folder; read it, never write into it. */
  dist: string;
  /** Chromium, for pages the test opens itself (another colour scheme, a measured cold load). */
  browser: Browser;
  /**
   * Opens `path` in a new page that records every off-host request and console error, after the
   * navigation reached `options.waitUntil`.
   */
  visit(path: string, options?: VisitOptions): Promise<{ page: Page; log: PageLog }>;
}

/**
 * Serves the shared site build, launches Chromium and runs `body` with them; the browser is closed
 * and the server shut down when `body` settles. Resolves to what `body` returns.
 *
 * @example Opening a page and checking its log
 * ```ts ignore
 * Deno.test("the explorer renders", () =>
 *   withBuiltSite(async ({ visit }) => {
 *     const { page, log } = await visit("/data/explorer");
 *     await page.waitForSelector("#er-chart svg");
 *     assert.deepEqual(log.consoleErrors, []);
 *   }));
 * ```
 */
export async function withBuiltSite<T>(body: (session: SiteSession) => Promise<T>): Promise<T> {
  const { dist } = await builtSite();
  const server = serveStatic(dist, { quiet: true });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  try {
    return await withChromium((browser) =>
      body({
        origin,
        dist,
        browser,
        async visit(path, options = {}) {
          const recorded = await recordedPage(browser, origin);
          await recorded.page.goto(origin + path, {
            waitUntil: options.waitUntil ?? "networkidle",
            timeout: options.timeout ?? 60_000,
          });
          return recorded;
        },
      })
    );
  } finally {
    await server.shutdown();
  }
}
