const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `value` is a `YYYY-MM` month. */
export function isYearMonth(value: string): boolean {
  return YEAR_MONTH.test(value);
}

/**
 * The month `n` months after `yearMonth` (before it for negative `n`), both `YYYY-MM`.
 *
 * @example
 * ```ts
 * import { addMonths } from "./year_month.ts";
 * addMonths("2025-12", 1); // "2026-01"
 * ```
 */
export function addMonths(yearMonth: string, n: number): string {
  const m = YEAR_MONTH.exec(yearMonth);
  if (!m) throw new Error(`Cannot add months: ${JSON.stringify(yearMonth)} is not a YYYY-MM month`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String(index - year * 12 + 1).padStart(2, "0")}`;
}
