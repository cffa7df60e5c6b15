/** A row kept out of the computation, with why. */
export interface Reject {
  file: string;
  /** 1-based line of the file where the row starts (0 for the whole file). */
  line: number;
  column: string;
  value: string;
  expected: string;
  /** The row's raw fields, for the download. */
  fields: readonly string[];
}

/** Quotes a CSV field when it holds a delimiter, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The rejected rows as CSV: `file,line,column,value,expected`, then the row's own fields, one line per row.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const csv = rejectsCsv([{ file: "a.csv", line: 3, column: "bcs", value: "x", expected: "a score", fields: ["H1", "x"] }]);
 * assert.equal(csv, "file,line,column,value,expected,row\na.csv,3,bcs,x,a score,H1,x\n");
 * ```
 */
export function rejectsCsv(rejects: readonly Reject[]): string {
  const lines = ["file,line,column,value,expected,row"];
  for (const r of rejects) {
    lines.push([r.file, String(r.line), r.column, r.value, r.expected, ...r.fields].map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}

/** Counts rejects by reason (`column: expected`), most frequent first, with up to `examples` examples each. */
export function rejectReasons(
  rejects: readonly Reject[],
  examples = 3,
): { reason: string; count: number; examples: Reject[] }[] {
  const by = new Map<string, Reject[]>();
  for (const r of rejects) {
    const reason = `${r.column}: ${r.expected}`;
    by.set(reason, [...(by.get(reason) ?? []), r]);
  }
  return [...by].map(([reason, list]) => ({ reason, count: list.length, examples: list.slice(0, examples) }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
