/**
 * Quotes a string as a SQL literal: wrapped in single quotes, each single quote doubled
 * (`it's` → `'it''s'`). Shared by the build (native DuckDB) and the pages (DuckDB-WASM).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(sqlString("it's"), "'it''s'");
 * ```
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
