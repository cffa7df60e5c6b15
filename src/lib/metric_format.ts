/**
 * How the methodology pages print a build-output figure, and how the test that checks the built pages
 * prints the same figure from the Parquet file: one function, so the two agree by construction and
 * disagree only when a page shows a number that is not the build's.
 *
 * Formats: `integer` (thousands separated), `fixed:N` (N decimals), `percent:N` (×100, N decimals, `%`),
 * `exp:N` (scientific, N decimals), `auto` (integer for whole numbers, `exp:1` below 0.001, else `fixed:4`),
 * `text` (as is). Null prints as an en dash.
 *
 * @example
 * ```ts
 * formatMetric(0.12743, "percent:1"); // "12.7%"
 * formatMetric(1653, "integer"); // "1,653"
 * formatMetric(5.13e-10, "auto"); // "5.1e-10"
 * ```
 */
export function formatMetric(value: unknown, format: string): string {
  if (value === null || value === undefined) return "–";
  if (format === "text") return String(value);
  const x = typeof value === "bigint" ? Number(value) : value;
  if (typeof x !== "number" || Number.isNaN(x)) {
    throw new Error(`Cannot format ${JSON.stringify(String(value))} as ${format}: not a number`);
  }
  const [kind, digitsText] = format.split(":");
  const digits = digitsText === undefined ? 0 : Number(digitsText);
  switch (kind) {
    case "integer":
      return Math.round(x).toLocaleString("en-US");
    case "fixed":
      return x.toFixed(digits);
    case "percent":
      return `${(x * 100).toFixed(digits)}%`;
    case "exp":
      return x.toExponential(digits).replace("e+", "e");
    case "auto":
      if (Number.isInteger(x)) return x.toLocaleString("en-US");
      if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(1).replace("e+", "e");
      return x.toFixed(4);
    default:
      throw new Error(
        `Cannot format a figure as "${format}": expected integer, fixed:N, percent:N, exp:N, auto or text`,
      );
  }
}
