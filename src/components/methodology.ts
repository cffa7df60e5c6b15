/// <reference lib="dom" />
// The building blocks of the methodology and model-card pages. Every figure they print is a build
// output marked with where it came from (`data-source` table, `data-where` row, `data-field` column,
// `data-format`), so test/browser/methodology_test.ts can read the same cell from the Parquet file and
// fail when a page shows anything else.
import { formatMetric } from "../lib/metric_format.js";

type Row = Record<string, unknown>;

/** Plain row objects from an Arrow table (or any iterable of rows). */
export function rowsOf(table: Iterable<Row>): Row[] {
  return Array.from(table, (r) => ({ ...r }));
}

/**
 * A figure from a build output: the `field` of the one row of `rows` (read from table `source`)
 * matching every key of `where`, printed with {@linkcode formatMetric}.
 */
export function metric(
  rows: readonly Row[],
  source: string,
  where: Record<string, string | number>,
  field: string,
  format = "auto",
): HTMLSpanElement {
  const found = rows.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
  if (found.length !== 1) {
    throw new Error(`${source}: ${found.length} rows match ${JSON.stringify(where)} (expected one)`);
  }
  const span = document.createElement("span");
  span.className = "metric";
  span.dataset.source = source;
  span.dataset.where = JSON.stringify(where);
  span.dataset.field = field;
  span.dataset.format = format;
  span.textContent = formatMetric(found[0]![field], format);
  return span;
}

/** A check's result in words and colour-independent symbols. */
function verdict(passed: unknown): string {
  return passed === true ? "✓ pass" : passed === false ? "✗ fail" : "figure";
}

/** The table of a method's rows in `validation_checks`: value, reference, tolerance and result. */
export function checksTable(checks: readonly Row[], method: string): HTMLElement {
  const rows = checks.filter((c) => c.method === method);
  const table = document.createElement("table");
  table.className = "validation-checks";
  table.innerHTML =
    "<thead><tr><th>check</th><th>value</th><th>reference</th><th>tolerance</th><th>result</th><th>source</th></tr></thead>";
  const body = table.createTBody();
  for (const c of rows) {
    const tr = body.insertRow();
    tr.insertCell().textContent = String(c.description);
    const where = { method, check_id: String(c.check_id) };
    tr.insertCell().append(metric(checks, "validation_checks", where, "value"));
    tr.insertCell().append(metric(checks, "validation_checks", where, "reference"));
    tr.insertCell().append(metric(checks, "validation_checks", where, "tolerance"));
    const result = tr.insertCell();
    result.textContent = verdict(c.passed);
    result.className = c.passed === false ? "fail" : c.passed === true ? "pass" : "";
    tr.insertCell().textContent = String(c.source);
  }
  if (rows.length === 0) {
    body.insertRow().insertCell().textContent = `No validation check for ${method} in this build.`;
  }
  return table;
}

/** A plain table of rows with the given columns, each cell a marked figure (or text). */
export function figureTable(
  rows: readonly Row[],
  source: string,
  key: readonly string[],
  columns: ReadonlyArray<readonly [string, string]>,
): HTMLElement {
  const table = document.createElement("table");
  table.className = "figure-table";
  const head = table.createTHead().insertRow();
  for (const k of key) head.insertCell().outerHTML = `<th>${k}</th>`;
  for (const [c] of columns) head.insertCell().outerHTML = `<th>${c}</th>`;
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    const where = Object.fromEntries(key.map((k) => [k, r[k] as string | number]));
    for (const k of key) tr.insertCell().textContent = String(r[k] ?? "–");
    for (const [c, format] of columns) tr.insertCell().append(metric(rows, source, where, c, format));
  }
  return table;
}
