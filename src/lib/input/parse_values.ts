/**
 * Parsers for the text values of an analyst's files. Each one takes trimmed, non-empty text and
 * returns the typed value or why the text is not one, with what was expected in words an analyst
 * can act on. They are pure and total: no input throws.
 */
import type { ColumnType } from "./schema.js";

/** A parsed value, or the reason the text is not one and what was expected instead. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; expected: string };

/** A value of a contract column after parsing: dates are `YYYY-MM-DD` text. */
export type Value = string | number | boolean | null;

/** The accepted date formats, as the rejects table words them. */
export const DATE_FORMATS = "YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYYMM or YYYY-MM";

/** Years a date may fall in; outside them a value is taken to be a typo. */
export const MIN_YEAR = 1850;
export const MAX_YEAR = 2150;

const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  t: true,
  yes: true,
  y: true,
  "1": true,
  false: false,
  f: false,
  no: false,
  n: false,
  "0": false,
};

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string, expected: string): Parsed<T> => ({ ok: false, reason, expected });

/**
 * The characters trimmed from cells: JavaScript's white space and line terminators (what
 * `String.prototype.trim` removes), listed so SQL can trim exactly the same set.
 */
export const TRIM_CHARACTERS =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" +
  "\u2028\u2029\u202f\u205f\u3000\ufeff";

/**
 * Trims a raw cell (spaces, tabs, no-break spaces, stray line ends); blank becomes null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(cleanText("  Málaga \t"), "Málaga");
 * assert.equal(cleanText("   "), null);
 * ```
 */
export function cleanText(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  return text === "" ? null : text;
}

/**
 * The key headers, allowed values and mapping keys are compared by: lower case, accents
 * removed, everything but letters and digits dropped (`"Urgent Care"`, `"urgent_care"` and
 * `"URGENT-CARE"` all give `"urgentcare"`).
 */
export function normalizeKey(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Days in a month of a year (proleptic Gregorian). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})-(\d{1,2})$/,
  /^(\d{4})(\d{2})$/,
];

/**
 * Parses a date written `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD`, or a month written `YYYYMM` or
 * `YYYY-MM` (which gives the first day of that month). Returns `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseDate("202403"), { ok: true, value: "2024-03-01" });
 * assert.equal(parseDate("2025-13-01").ok, false);
 * ```
 */
export function parseDate(text: string): Parsed<string> {
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = match[3] === undefined ? 1 : Number(match[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) break;
    if (year < MIN_YEAR || year > MAX_YEAR) {
      return fail("not a plausible date", `a year from ${MIN_YEAR} to ${MAX_YEAR}`);
    }
    return ok(formatDate(year, month, day));
  }
  return fail("not a date", DATE_FORMATS);
}

/** `YYYY-MM-DD` for a year, month (1–12) and day. */
export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Parses true/false, 1/0, yes/no, y/n, t/f in any case.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseBoolean("Y"), { ok: true, value: true });
 * ```
 */
export function parseBoolean(text: string): Parsed<boolean> {
  const value = BOOLEANS[text.toLowerCase()];
  return value === undefined ? fail("not a boolean", "true/false, 1/0, yes/no, y/n or t/f") : ok(value);
}

const NUMBER = /^([+-]?)\$?\s*([+-]?)(\d+(?:\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a decimal number, optionally signed, optionally after a `$` (`-$5.50`, `$-5.50` and
 * `$ 5` are fine). Thousands separators and decimal commas are not accepted: `1,234` is
 * ambiguous between the two.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseNumber("$1250.75"), { ok: true, value: 1250.75 });
 * assert.equal(parseNumber("1,250").ok, false);
 * ```
 */
export function parseNumber(text: string): Parsed<number> {
  const match = NUMBER.exec(text);
  const expected = "a number such as 1234.56 (a leading $ is allowed; no thousands separators)";
  if (!match || (match[1] !== "" && match[2] !== "")) return fail("not a number", expected);
  const value = Number(`${match[1] || match[2]}${match[3]}${match[4] ?? ""}`);
  return Number.isFinite(value) ? ok(value) : fail("not a number", expected);
}

/**
 * Parses a whole number (a number with no fractional part, within 32-bit integer range).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseInteger("30"), { ok: true, value: 30 });
 * assert.equal(parseInteger("2.5").ok, false);
 * ```
 */
export function parseInteger(text: string): Parsed<number> {
  const number = parseNumber(text);
  if (number.ok && Number.isInteger(number.value) && Math.abs(number.value) <= 2 ** 31 - 1) return number;
  return fail("not a whole number", "a whole number such as 30");
}

/**
 * Matches text against a column's allowed values by {@linkcode normalizeKey}, so `"Hospital"`
 * and `"urgent care"` give the contract's `hospital` and `urgent_care`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(matchAllowed("Urgent Care", ["hospital", "urgent_care"]), { ok: true, value: "urgent_care" });
 * ```
 */
export function matchAllowed(text: string, allowed: readonly string[]): Parsed<string> {
  const key = normalizeKey(text);
  const value = allowed.find((a) => normalizeKey(a) === key);
  return value === undefined ? fail("not an allowed value", `one of ${allowed.join(", ")}`) : ok(value);
}

/** Parses text as a value of a contract column type (varchar text is kept as written). */
export function parseTyped(type: ColumnType, text: string): Parsed<Value> {
  switch (type) {
    case "varchar":
      return ok(text);
    case "date":
      return parseDate(text);
    case "boolean":
      return parseBoolean(text);
    case "integer":
      return parseInteger(text);
    case "double":
      return parseNumber(text);
    default:
      throw new Error(`invalid column type: ${type satisfies never}`);
  }
}
