/**
 * The duplicate-key check's words, shared by the build (`load_table.ts`, which counts data rows)
 * and the browser upload page (which counts file lines): a row repeating the key of an earlier row
 * is refused, reported against the key's columns with the key's values.
 */

/** Joins the key's column names, labels and values in a problem. */
export const KEY_SEPARATOR = ", ";

/** Where the first row with a key is named: the build's data row, the upload page's file line. */
export type FirstSeenUnit = "row" | "line";

/**
 * The reason of a duplicate key (`duplicate K`), and its expected text up to the number of the row
 * or line where the key was first seen (`one row per K; first seen at row `).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const d = duplicateKeyText(["claim_id", "claim_line_number"], "line");
 * assert.equal(d.reason, "duplicate claim_id, claim_line_number");
 * assert.equal(d.expectedBefore + 7, "one row per claim_id, claim_line_number; first seen on line 7");
 * ```
 */
export function duplicateKeyText(
  key: readonly string[],
  unit: FirstSeenUnit,
): { reason: string; expectedBefore: string } {
  const names = key.join(KEY_SEPARATOR);
  return {
    reason: `duplicate ${names}`,
    expectedBefore: `one row per ${names}; first seen ${unit === "row" ? "at row" : "on line"} `,
  };
}
