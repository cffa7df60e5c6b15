/**
 * The `rejects` table: one row per problem found in an analyst's files, naming the file, row,
 * column and value, why it was refused and what was expected. Rows whose reason starts with
 * `referential:` were still loaded; every other reject kept its row out.
 */
import type { Db } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";

/** One row of the `rejects` table. */
export interface Reject {
  table_name: string;
  file: string;
  row_number: number;
  column_name: string;
  value: string | null;
  reason: string;
  expected: string;
}

/** Reasons of problems that flag a row but still load it start with this. */
export const REFERENTIAL = "referential:";

/** Creates the empty `rejects` table. */
export async function createRejects(db: Db): Promise<void> {
  await db.con.run(readSql(import.meta.url, "./rejects.sql"));
}

/**
 * A reject in words: file, row, column, value and what was expected.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   describeReject({ table_name: "medical_claims", file: "medical_claims.csv", row_number: 12, column_name: "service_date", value: "2025-13-01", reason: "not a date", expected: "YYYY-MM-DD, YYYYMMDD or YYYYMM" }),
 *   'Cannot load medical_claims.csv row 12: "service_date" is not a date ("2025-13-01"); expected YYYY-MM-DD, YYYYMMDD or YYYYMM',
 * );
 * ```
 */
export function describeReject(r: Reject): string {
  const what = /^(not |below |above )/.test(r.reason) ? `is ${r.reason}` : `— ${r.reason}`;
  const value = r.value === null ? "empty" : `"${r.value}"`;
  const verb = r.reason.startsWith(REFERENTIAL) ? "Flagged" : "Cannot load";
  return `${verb} ${r.file} row ${r.row_number}: "${r.column_name}" ${what} (${value}); expected ${r.expected}`;
}
