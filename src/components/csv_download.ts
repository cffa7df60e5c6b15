/// <reference lib="dom" />
// A "Download CSV" button for the rows beside a chart. Values are written as they are; text with
// a comma, quote or line break is quoted (RFC 4180).

/** CSV text of plain row objects (columns of the first row). */
export function toCsv(rows: ReadonlyArray<Record<string, unknown>>): string {
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined
      ? ""
      : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns.join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}

/** A button that saves `rows` as `filename` (a .csv). */
export function csvDownload(
  rows: ReadonlyArray<Record<string, unknown>>,
  filename: string,
): HTMLButtonElement {
  const button = document.createElement("button");
  button.textContent = `Download CSV (${rows.length.toLocaleString("en-US")} rows)`;
  button.className = "csv-download";
  button.onclick = () => {
    const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return button;
}
