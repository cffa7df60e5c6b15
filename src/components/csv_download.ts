/// <reference lib="dom" />
// A "Download CSV" link for the rows behind a chart or table.

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
function field(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of plain objects as CSV text, columns in the first row's key order. */
export function csvText(rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  return [columns.join(","), ...rows.map((r) => columns.map((c) => field(r[c])).join(","))].join("\n") + "\n";
}

/** An `<a download>` element holding the rows as a CSV data URL. */
export function csvLink(
  rows: readonly Record<string, unknown>[],
  filename: string,
  label = "Download CSV",
): HTMLElement {
  const a = document.createElement("a");
  a.href = `data:text/csv;charset=utf-8,${encodeURIComponent(csvText(rows))}`;
  a.download = filename;
  a.textContent = `${label} (${filename})`;
  a.className = "csv-download";
  a.style.display = "block";
  return a;
}
