/**
 * Load budget of the executive overview: serves a built site on 127.0.0.1, opens `/` in Chromium with a cold
 * cache (a fresh browser context, cache disabled) several times, and prints the time from navigation to the
 * last chart drawn and the bytes transferred, against the budgets of 1.5 s and 2 MB. Exits 1 when the median
 * is over a budget. Times depend on the machine and on what else runs on it.
 *
 *   deno run -A bench/overview_load.ts [--dist DIR] [--runs N]
 *
 * Without `--dist` it builds a copy of the project first (a few minutes: the pipeline runs at the small scale).
 */
import { parseArgs } from "node:util";
import { serveStatic } from "../platform/static_server.ts";
import { launch } from "../test/support/browser.ts";
import { measurePageLoad, OVERVIEW_READY } from "../test/support/page_load.ts";
import { builtSite } from "../test/support/site.ts";

const BUDGET_MS = 1500;
const BUDGET_BYTES = 2 * 1024 * 1024;

const { values } = parseArgs({
  args: Deno.args,
  options: { dist: { type: "string" }, runs: { type: "string" } },
});
const runs = Number(values.runs ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  throw new Error(`--runs must be a whole number ≥ 1 (got ${values.runs})`);
}
const dist = values.dist ?? (await builtSite()).dist;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const server = serveStatic(dist, { quiet: true });
const browser = await launch();
const times: number[] = [];
const bytes: number[] = [];
try {
  const origin = `http://127.0.0.1:${server.addr.port}`;
  await measurePageLoad(browser, `${origin}/`, { ready: OVERVIEW_READY }); // browser warm-up, not counted
  for (let i = 0; i < runs; i++) {
    const load = await measurePageLoad(browser, `${origin}/`, { ready: OVERVIEW_READY });
    if (load.urls.some((u) => /duckdb|\.wasm/i.test(u))) {
      throw new Error("the overview requested a DuckDB file");
    }
    times.push(load.readyMs);
    bytes.push(load.transferredBytes);
  }
} finally {
  await browser.close();
  await server.shutdown();
}

const ms = median(times);
const kb = median(bytes) / 1024;
console.log(`executive overview, cold cache, ${runs} runs (localhost; shared machine, times are noisy)`);
console.log(
  `  navigation → last chart drawn: median ${ms.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${
    Math.max(...times).toFixed(0)
  }); budget ${BUDGET_MS} ms — ${ms <= BUDGET_MS ? "within" : "OVER"}`,
);
console.log(
  `  transferred: median ${kb.toFixed(0)} KiB; budget ${BUDGET_BYTES / 1024} KiB — ${
    median(bytes) <= BUDGET_BYTES ? "within" : "OVER"
  }`,
);
if (ms > BUDGET_MS || median(bytes) > BUDGET_BYTES) Deno.exitCode = 1;
