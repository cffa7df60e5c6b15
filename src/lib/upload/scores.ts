import { type CmsCell, parseCmsCell } from "../stars/cms_tables.js";
import type { CutPoints } from "../stars/measure_stars.js";

/**
 * Reads one measure cell of an uploaded table with the engine's CMS cell reader: `78`, `78%`, `0.78`, a CMS
 * status text ("Not enough data available") → a cell; blank → null; anything else → an `expected` message.
 */
export function readScoreCell(raw: string): CmsCell | null | { expected: string } {
  if (raw.trim() === "") return null;
  try {
    return parseCmsCell(raw, { file: "", row: 0, column: 0 });
  } catch {
    return { expected: "a score (78, 78%, 0.78) or a CMS status text" };
  }
}

/**
 * A measure is a percentage (0–100) when CMS shows it as a whole number and its cut points lie above 1; the
 * complaint rates (per 1,000 members, two decimals) and the improvement scores (six decimals) are not.
 */
export function percentScale(precision: number, cut: CutPoints | undefined): boolean {
  return precision === 0 && cut !== undefined && Math.max(...cut.thresholds.map(Math.abs)) > 1;
}

/**
 * Whether a column of a 0–100 measure holds fractions (0.78 for 78%): every value is within [0, 1] and at least
 * one is neither 0 nor 1 — a column of fractions is then multiplied by 100.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(isFractionColumn([0.78, 0.5, 1]), true);
 * assert.equal(isFractionColumn([78, 0.5]), false);
 * assert.equal(isFractionColumn([0, 1]), false);
 * ```
 */
export function isFractionColumn(values: readonly number[]): boolean {
  return values.length > 0 && values.every((v) => v >= 0 && v <= 1) && values.some((v) => v > 0 && v < 1);
}

/** A member-level result: `1`/`Y`/`yes`/`true` → 1 (compliant), `0`/`N`/`no`/`false` → 0, blank → null. */
export function readMemberResult(raw: string): 0 | 1 | null | { expected: string } {
  const v = raw.trim().toLowerCase();
  if (v === "") return null;
  if (["1", "y", "yes", "true", "1.0"].includes(v)) return 1;
  if (["0", "n", "no", "false", "0.0"].includes(v)) return 0;
  return { expected: "1 (met), 0 (not met) or blank (not in the denominator)" };
}
