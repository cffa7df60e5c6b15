/**
 * Loads a page in a fresh browser context (cold cache) and measures what it costs: the time from navigation
 * to the moment a readiness condition first holds (checked every animation frame), the bytes transferred
 * over the network (Chrome DevTools Protocol `encodedDataLength`: headers and bodies as sent) and every URL
 * requested. Shared by the overview's browser test and its benchmark.
 */
import type { Browser } from "playwright-core";

/** What loading a page cost. */
export interface PageLoad {
  /** Milliseconds from navigation start to the first frame where `ready` held. */
  readyMs: number;
  /** Bytes transferred for every request the page made. */
  transferredBytes: number;
  /** Every URL requested, in order. */
  urls: string[];
}

/**
 * Opens `url` in a new context (no cache, no cookies) and waits until the page-side expression `ready`
 * (a JavaScript expression evaluated in the page) is true.
 */
export async function measurePageLoad(
  browser: Browser,
  url: string,
  options: { ready: string; timeoutMs?: number; colorScheme?: "light" | "dark" },
): Promise<PageLoad> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? "light",
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    let transferredBytes = 0;
    cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
      transferredBytes += e.encodedDataLength;
    });
    const urls: string[] = [];
    page.on("request", (request) => void urls.push(request.url()));
    await page.goto(url, { waitUntil: "commit", timeout: options.timeoutMs ?? 60_000 });
    const handle = await page.waitForFunction(
      `(${options.ready}) ? performance.now() : false`,
      null,
      { polling: "raf", timeout: options.timeoutMs ?? 60_000 },
    );
    const readyMs = Number(await handle.jsonValue());
    await page.waitForLoadState("networkidle");
    return { readyMs, transferredBytes, urls };
  } finally {
    await context.close();
  }
}

/** The overview is drawn when its three charts (star position, IVI distribution, band transitions) are in. */
export const OVERVIEW_READY = `document.querySelectorAll("main svg[aria-label]").length >= 3`;
