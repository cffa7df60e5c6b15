/**
 * The parsers of an analyst's text values are shared with the browser upload page and live in
 * `src/lib/input/parse_values.ts`; this module adds the SQL form of `cleanText` the loader runs.
 */
import { sqlString } from "../lib/duckdb.ts";
import { TRIM_CHARACTERS } from "../../src/lib/input/parse_values.ts";

export * from "../../src/lib/input/parse_values.ts";

/**
 * SQL doing what {@linkcode cleanText} does to the varchar expression `expr`. DuckDB's
 * `trim(text, characters)` is slow, so it runs only when the first or last character needs it.
 */
export function cleanTextSql(expr: string): string {
  const set = sqlString(TRIM_CHARACTERS);
  const edge = `contains(${set}, left(${expr}, 1)) or contains(${set}, right(${expr}, 1))`;
  return `nullif(case when ${edge} then trim(${expr}, ${set}) else ${expr} end, '')`;
}
