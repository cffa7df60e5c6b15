/**
 * Real-browser test harness: playwright-core drives Debian's Chromium against a site served on
 * 127.0.0.1. Every request, console message and page error is recorded so a test can fail on
 * any request to another host or any error in the console.
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { join } from "node:path";
import { ROOT } from "./project.ts";

/** Chromium flags for a closed network (no background requests to Google hosts). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Where screenshots go (ignored by git) so a person can look at them. */
export const SCREENSHOTS = join(ROOT, "test", "screenshots");

/** Launches Debian's Chromium. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** Launches Chromium, runs `body` with it and closes it when `body` settles; resolves to what `body` returns. */
export async function withChromium<T>(body: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launch();
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

/** What a page did while a test ran. */
export interface PageLog {
  offHost: string[];
  consoleErrors: string[];
}

/** Opens a page that records off-host requests (anything not on `origin`) and console errors. */
export async function recordedPage(browser: Browser, origin: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const log: PageLog = { offHost: [], consoleErrors: [] };
  page.on("request", (request) => {
    const url = request.url();
    // blob: and data: URLs are made by the page itself (DuckDB's worker, inline icons).
    if (url.startsWith(`${origin}/`) || url.startsWith(`blob:${origin}/`) || url.startsWith("data:")) return;
    log.offHost.push(url);
  });
  page.on("console", (message) => {
    if (message.type() === "error") log.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => log.consoleErrors.push(String(error)));
  return { page, log };
}

/** A request as the privacy checks see it. */
export interface SentRequest {
  url: string;
  method: string;
  body: string | null;
}

/** Records every request `page` makes from now on: its URL, method and body. */
export function sentRequests(page: Page): SentRequest[] {
  const sent: SentRequest[] = [];
  page.on("request", (r) => sent.push({ url: r.url(), method: r.method(), body: r.postData() }));
  return sent;
}

/**
 * The requests that could have carried a user's data away: each one not to `origin` (or a `blob:` URL
 * of it), not a GET, or with a body, as "METHOD URL" plus the body's length when there is one.
 */
export function requestsCarryingData(requests: readonly SentRequest[], origin: string): string[] {
  return requests
    .filter((r) =>
      !(r.url.startsWith(`${origin}/`) || r.url.startsWith(`blob:${origin}/`)) || r.method !== "GET" ||
      r.body !== null
    )
    .map((r) => `${r.method} ${r.url}${r.body === null ? "" : ` (body of ${r.body.length} characters)`}`);
}

/** Saves a full-page screenshot as test/screenshots/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
