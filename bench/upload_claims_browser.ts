/**
 * The utilization upload at its stated limit in a real browser: the built site is served on 127.0.0.1, the
 * seeded 2,000,000-row / ~200 MB claims CSV and its members CSV (`_upload_claims_files.ts`) are handed to the
 * page's file input in headless Chromium, and the page reads, validates and computes them as an analyst's
 * browser would. Printed: seconds to the validation report and to the results, the main thread's
 * responsiveness meanwhile (the longest main-thread task seen by a `longtask` PerformanceObserver, and the
 * longest gap between two animation frames), the progress values the page showed, the main thread's peak JS
 * heap (CDP `Performance.getMetrics`) and the peak resident memory of the browser's processes (Linux
 * `/proc`, sampled every second: the renderer holds the page, the upload worker and DuckDB-WASM).
 *
 *   deno run -A bench/upload_claims_browser.ts [rows]      (default 2000000)
 *
 * The site is built once (minutes); `LODESTAR_BENCH_DIST=path/to/dist` reuses a built site instead.
 */
import { join } from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { serveStatic } from "../platform/static_server.ts";
import { launch } from "../test/support/browser.ts";
import { builtSite } from "../test/support/site.ts";
import { writeUploadFiles } from "./_upload_claims_files.ts";

/** What the page recorded about itself while the upload ran (times in ms since the upload began). */
interface PageFigures {
  report: number | null;
  results: number | null;
  error: string | null;
  longestTask: number;
  longTasks: number;
  longTaskMs: number;
  longestFrameGap: number;
  /** Long tasks: start (ms since the upload began) and duration (ms). */
  tasks: [number, number][];
  progress: { at: number; share: number }[];
  kpiRows: number;
  rowsRead: string[];
}

/** Installed before the page's own scripts: observes long tasks, frames, progress and the outcome. */
const OBSERVER = `(() => {
  const b = (globalThis.__uploadBench = {
    t0: null, report: null, results: null, error: null, longestTask: 0, longTasks: 0, longTaskMs: 0,
    longestFrameGap: 0, progress: [], lastFrame: null, tasks: [],
  });
  new PerformanceObserver((list) => {
    if (b.t0 === null) return;
    for (const e of list.getEntries()) {
      if (e.startTime + e.duration < b.t0) continue;
      b.longTasks++;
      b.longTaskMs += e.duration;
      b.longestTask = Math.max(b.longestTask, e.duration);
      b.tasks.push([Math.round(e.startTime - b.t0), Math.round(e.duration)]);
    }
  }).observe({ type: "longtask", buffered: true });
  const frame = (t) => {
    if (b.t0 !== null && b.lastFrame !== null) b.longestFrameGap = Math.max(b.longestFrameGap, t - b.lastFrame);
    b.lastFrame = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const look = () => {
    if (b.t0 === null) return;
    const now = performance.now() - b.t0;
    const bar = document.querySelector("#upload-progress progress");
    if (bar && b.progress.at(-1)?.share !== bar.value) b.progress.push({ at: now, share: bar.value });
    if (b.report === null && document.querySelector("div#validation-report")) b.report = now;
    if (b.results === null) {
      const done = document.querySelector("#upload-results, #results-blocked, .result-error");
      if (done) {
        b.results = now;
        if (!done.matches("#upload-results")) b.error = done.textContent;
      }
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

/** Resident memory of `pid`'s descendants (bytes, from /proc), the largest renderer's apart. */
function browserMemory(root: number): { total: number; renderer: number } {
  const children = new Map<number, number[]>();
  for (const entry of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    try {
      const stat = Deno.readTextFileSync(`/proc/${entry.name}/stat`);
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry.name)]);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0, renderer = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    stack.push(...(children.get(pid) ?? []));
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
      const bytes = rss ? Number(rss[1]) * 1024 : 0;
      total += bytes;
      if (Deno.readTextFileSync(`/proc/${pid}/cmdline`).includes("--type=renderer")) {
        renderer = Math.max(renderer, bytes);
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return { total, renderer };
}

/** Samples memory every second until `stop()`; keeps the peaks. */
function sampleMemory(cdp: CDPSession) {
  const peak = { heap: 0, total: 0, renderer: 0 };
  let pending = false;
  const timer = setInterval(() => {
    try {
      const m = browserMemory(Deno.pid);
      peak.total = Math.max(peak.total, m.total);
      peak.renderer = Math.max(peak.renderer, m.renderer);
    } catch {
      // no /proc (not Linux): the process figures stay 0 and print as n/a
    }
    if (pending) return;
    pending = true;
    cdp.send("Performance.getMetrics").then(({ metrics }) => {
      const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
      peak.heap = Math.max(peak.heap, used);
    }).catch(() => {}).finally(() => (pending = false));
  }, 1000);
  return { peak, stop: () => clearInterval(timer) };
}

async function measure(page: Page, files: string[], timeout: number): Promise<PageFigures> {
  let crashed = false;
  page.on("crash", () => (crashed = true));
  await page.evaluate(() => {
    (globalThis as unknown as { __uploadBench: { t0: number } }).__uploadBench.t0 = performance.now();
  });
  await page.setInputFiles("#upload-input", files);
  const started = Date.now();
  while (Date.now() - started < timeout) {
    if (crashed) throw new Error("the page crashed (renderer gone) during the upload");
    const done = await page.evaluate(() =>
      (globalThis as unknown as { __uploadBench: { results: number | null } }).__uploadBench.results !== null
    ).catch(() => false);
    if (done) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return await page.evaluate(`(() => {
    const b = globalThis.__uploadBench;
    const kpis = document.querySelector("#upload-results")?.getAttribute("data-kpis");
    return {
      report: b.report,
      results: b.results,
      error: b.error,
      longestTask: b.longestTask,
      longTasks: b.longTasks,
      longTaskMs: b.longTaskMs,
      longestFrameGap: b.longestFrameGap,
      tasks: b.tasks,
      progress: b.progress,
      kpiRows: kpis ? JSON.parse(kpis).length : 0,
      rowsRead: [...document.querySelectorAll(".upload-file .rows-read")].map((e) => e.textContent ?? ""),
    };
  })()`) as PageFigures;
}

const rows = Number(Deno.args[0] ?? 2_000_000);
const members = Math.max(100, Math.round(rows / 20));
const dir = await Deno.makeTempDir({ prefix: "lodestar-upload-browser-" });
try {
  let t = performance.now();
  const dist = Deno.env.get("LODESTAR_BENCH_DIST") ?? (await builtSite()).dist;
  const buildSeconds = (performance.now() - t) / 1000;
  const bytes = await writeUploadFiles(dir, rows, members);
  const server = serveStatic(dist, { quiet: true });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    await page.addInitScript(OBSERVER);
    await page.goto(`http://127.0.0.1:${server.addr.port}/data/upload-claims`);
    await page.waitForSelector("#upload-input", { state: "attached" });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const memory = sampleMemory(cdp);
    t = performance.now();
    let figures: PageFigures;
    try {
      figures = await measure(page, [join(dir, "claims.csv"), join(dir, "members.csv")], 30 * 60_000);
    } finally {
      memory.stop();
    }
    const wall = (performance.now() - t) / 1000;
    const mb = (n: number) => (n === 0 ? "n/a" : (n / 1e6).toFixed(0));
    const s = (ms: number | null) => (ms === null ? "not reached" : (ms / 1000).toFixed(1));
    console.table([{
      "claim rows": rows.toLocaleString("en-US"),
      "claims MB": mb(bytes),
      "members": members.toLocaleString("en-US"),
      "to validation report s": s(figures.report),
      "to results s": s(figures.results),
      "longest main-thread task ms": figures.longestTask.toFixed(0),
      "longest frame gap ms": figures.longestFrameGap.toFixed(0),
      "long tasks (total ms)": `${figures.longTasks} (${figures.longTaskMs.toFixed(0)})`,
      "progress updates": figures.progress.length,
      "peak main-thread JS heap MB": mb(memory.peak.heap),
      "peak renderer RSS MB": mb(memory.peak.renderer),
      "peak browser RSS MB": mb(memory.peak.total),
    }]);
    console.log(JSON.stringify({
      rows,
      bytes,
      buildSeconds: Deno.env.get("LODESTAR_BENCH_DIST") ? null : buildSeconds,
      wallSeconds: wall,
      ...figures,
      progress: figures.progress.map((p) => [Math.round(p.at) / 1000, Math.round(p.share * 1000) / 1000]),
      peak: memory.peak,
      consoleErrors,
    }));
    if (figures.results === null) {
      throw new Error(`no results within the time allowed (${wall.toFixed(0)} s)`);
    }
    if (figures.error !== null) throw new Error(`the page did not compute: ${figures.error}`);
  } finally {
    await browser.close();
    await server.shutdown();
  }
} finally {
  await Deno.remove(dir, { recursive: true });
}
