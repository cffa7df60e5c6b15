/**
 * Cell-level validation: what one source cell gives for one contract column — the contract
 * value, or why it cannot be one. A cell's outcome depends on nothing but its text, so the loader
 * works it out once per distinct text of a column (`load_table.ts`), and the row-level checks
 * (row rules, duplicate keys) run as SQL over the outcomes.
 */
import type { ColumnSpec, TableSpec } from "./schema.js";
import type { ColumnPlan } from "./plan.js";
import {
  cleanText,
  formatDate,
  matchAllowed,
  normalizeKey,
  parseBoolean,
  type Parsed,
  parseInteger,
  parseTyped,
  type Value,
} from "./parse_values.js";
import { missingValue } from "./providers.js";

/** Values the mapping's derivations need, computed once from the whole input. */
export interface DeriveContext {
  /** The latest service_date of the medical claims (`YYYY-MM-DD`), when known. */
  referenceDate?: string;
}

/** What one cell gives: its contract value, or the problem that rejects its row. */
export type CellOutcome =
  | { value: Value; problem: null }
  | { value: null; problem: { reason: string; expected: string } };

/** Oldest age taken as real when a birth date is derived from an age. */
export const MAX_AGE = 130;

/** The last day of the month of a `YYYY-MM-DD` date. */
export function monthEnd(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return formatDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/**
 * A birth date from an age in whole years: 1 July of (reference year − age), the middle of the
 * possible range.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(birthDateFromAge("40", "2024-06-30"), { ok: true, value: "1984-07-01" });
 * ```
 */
export function birthDateFromAge(text: string, referenceDate: string): Parsed<string> {
  const age = parseInteger(text);
  if (!age.ok || age.value < 0 || age.value > MAX_AGE) {
    return { ok: false, reason: "not an age", expected: `an age in whole years from 0 to ${MAX_AGE}` };
  }
  return { ok: true, value: formatDate(Number(referenceDate.slice(0, 4)) - age.value, 7, 1) };
}

/** Parses text as a value of a contract column: type, allowed values, bounds. */
export function parseColumn(col: ColumnSpec, text: string): Parsed<Value> {
  const parsed = parseTyped(col.type, text);
  if (!parsed.ok) return parsed;
  if (col.allowed && typeof parsed.value === "string") return matchAllowed(parsed.value, col.allowed);
  if (typeof parsed.value === "number") {
    if (col.min !== undefined && parsed.value < col.min) {
      return { ok: false, reason: "below the minimum", expected: `at least ${col.min}` };
    }
    if (col.max !== undefined && parsed.value > col.max) {
      return { ok: false, reason: "above the maximum", expected: `at most ${col.max}` };
    }
  }
  return parsed;
}

/**
 * The value of one contract column from its planned source (before the required check): the
 * source cell `raw` trimmed, read as a boolean choice or through the value map when the mapping
 * says so, then parsed as the column's type; or the mapping's constant or derivation.
 */
export function columnValue(
  col: ColumnSpec,
  plan: ColumnPlan,
  raw: string | null,
  context: DeriveContext,
): Parsed<Value> {
  if (plan.kind === "absent") return { ok: true, value: null };
  if (plan.kind === "value") return { ok: true, value: plan.value };
  if (plan.kind === "reference_month_end") {
    if (context.referenceDate === undefined) {
      throw new Error("reference_month_end needs the latest service_date");
    }
    return { ok: true, value: monthEnd(context.referenceDate) };
  }
  let text = cleanText(raw);
  if (text === null) return { ok: true, value: null };
  if (plan.kind === "birth_date_from_age") {
    if (context.referenceDate === undefined) {
      throw new Error("birth_date_from_age needs the latest service_date");
    }
    return birthDateFromAge(text, context.referenceDate);
  }
  if (plan.boolean) {
    const flag = parseBoolean(text);
    if (!flag.ok) return flag;
    text = flag.value ? plan.boolean.true : plan.boolean.false;
  }
  if (plan.map) {
    const mapped = plan.map.get(normalizeKey(text));
    if (mapped === null) return { ok: true, value: null };
    if (mapped !== undefined) text = mapped;
  }
  return parseColumn(col, text);
}

/**
 * The outcome of one cell for one contract column of `table`: {@linkcode columnValue}, then the
 * table's fill for a missing value ("Unknown" provider labels), then the required check.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MEMBERS } from "./schema.js";
 * const sex = MEMBERS.columns.find((c) => c.name === "sex")!;
 * const plan = { kind: "column", index: 0, label: "gender" } as const;
 * assert.deepEqual(cellOutcome(MEMBERS, sex, plan, " f ", {}), { value: "F", problem: null });
 * assert.deepEqual(cellOutcome(MEMBERS, sex, plan, "", {}).problem, { reason: "missing required value", expected: "a value for sex" });
 * ```
 */
export function cellOutcome(
  table: TableSpec,
  col: ColumnSpec,
  plan: ColumnPlan,
  raw: string | null,
  context: DeriveContext,
): CellOutcome {
  const parsed = columnValue(col, plan, raw, context);
  if (!parsed.ok) return { value: null, problem: { reason: parsed.reason, expected: parsed.expected } };
  const value = parsed.value ?? missingValue(table.name, col.name);
  if (value === null && col.required) {
    return {
      value: null,
      problem: { reason: "missing required value", expected: `a value for ${col.name}` },
    };
  }
  return { value, problem: null };
}

/** A value as text DuckDB casts back to the column's type (`YYYY-MM-DD`, `true`, `12.5`). */
export function valueText(value: Value): string | null {
  return value === null ? null : String(value);
}
