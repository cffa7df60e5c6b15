/// <reference lib="dom" />
/**
 * Compares the figures a built page displays (elements marked by `src/components/methodology.ts` with
 * `data-source`, `data-where`, `data-field`, `data-format`) with the same cells of the build's own
 * output files, printed by the same `formatMetric`.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { closeDb, type Db, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { formatMetric } from "../../src/lib/metric_format.ts";

/** One displayed figure. */
export interface DisplayedMetric {
  source: string;
  where: string;
  field: string;
  format: string;
  text: string;
}

/** The values of `field` in the rows of `source` matching `where` (exactly one is expected). */
export type Lookup = (source: string, where: Record<string, unknown>, field: string) => Promise<unknown[]>;

/** Every marked figure on an open page. */
export function displayedMetrics(page: Page): Promise<DisplayedMetric[]> {
  return page.$$eval("[data-source][data-field]", (els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset;
      return {
        source: d.source ?? "",
        where: d.where ?? "{}",
        field: d.field ?? "",
        format: d.format ?? "auto",
        text: e.textContent ?? "",
      };
    }));
}

/** A message per displayed figure that is not the build output's value, printed the same way. */
export async function metricMismatches(
  displayed: readonly DisplayedMetric[],
  lookup: Lookup,
): Promise<string[]> {
  const problems: string[] = [];
  for (const m of displayed) {
    const where = JSON.parse(m.where) as Record<string, unknown>;
    const values = await lookup(m.source, where, m.field);
    const label = `${m.source} ${m.where} ${m.field}`;
    if (values.length !== 1) {
      problems.push(`${label}: ${values.length} rows in the build output (expected one)`);
      continue;
    }
    const expected = formatMetric(values[0], m.format);
    if (expected !== m.text) {
      problems.push(`${label}: page shows "${m.text}", build output says "${expected}"`);
    }
  }
  return problems;
}

/**
 * A lookup over a built site's data files (`dist/_file/data/lodestar/NAME.HASH.EXT`): Parquet through
 * DuckDB, `manifest.json` by its top level (empty `where`) or its `files` rows. Close it when done.
 */
export async function distLookup(dist: string): Promise<{ lookup: Lookup; close: () => void }> {
  const dir = join(dist, "_file", "data", "lodestar");
  const names = [...Deno.readDirSync(dir)].map((e) => e.name);
  const file = (source: string) => {
    const [base, ext] = [
      source.replace(/\.[^.]+$/, ""),
      source.includes(".") ? source.split(".").pop() : "parquet",
    ];
    const found = names.find((n) =>
      n.startsWith(`${base}.`) && n.endsWith(`.${ext}`) && n.split(".").length === 3
    );
    if (!found) throw new Error(`No built data file for ${source} in ${dir}`);
    return join(dir, found);
  };
  const db: Db = await openDb();
  let queue: Promise<unknown> = Promise.resolve();
  const lookup: Lookup = async (source, where, field) => {
    if (source.endsWith(".json")) {
      const json = JSON.parse(await Deno.readTextFile(file(source))) as Record<string, unknown> & {
        files?: unknown[];
      };
      const rows = Object.keys(where).length === 0 ? [json] : (json.files ?? []) as Record<string, unknown>[];
      return rows.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v)).map((r) => r[field]);
    }
    const filter = Object.entries(where).map(([k, v]) =>
      `"${k}" = ${typeof v === "number" ? String(v) : sqlString(String(v))}`
    );
    const sql = `select "${field}" as v from read_parquet(${sqlString(file(source))})${
      filter.length ? ` where ${filter.join(" and ")}` : ""
    }`;
    // One connection: lookups for pages checked at the same time queue up one behind another.
    const rows = queue.then(() => queryRows(db, sql));
    queue = rows.catch(() => {});
    return (await rows).map((r) => r.v);
  };
  return { lookup, close: () => closeDb(db) };
}
