/**
 * The row rules in JavaScript, as the browser upload page runs them on each row's contract values.
 * The same rules run in the build as SQL (`row_rule_sql.ts`); a test runs both on one table of rows.
 */
import type { Value } from "./parse_values.js";
import { type RowRule, rulesOf, type TextPart } from "./row_rules.js";
import { valueText } from "./validate.js";

/** A broken rule: the column it is reported against, that column's value as text, why, and what was expected. */
export interface RuleProblem {
  column: string;
  value: string | null;
  reason: string;
  expected: string;
}

/** A row's contract value by column name. */
export type RowValue = (column: string) => Value;

/**
 * Whether a row breaks a rule's condition:
 *
 * - `order`: `after < before`, both present (ISO dates compare as text);
 * - `requiredWhen`: `when.column = when.equals` and `column` is null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const row = { start: "2024-03-01", end: "2024-02-29" } as Record<string, string | null>;
 * assert.equal(breaksCondition({ kind: "order", before: "start", after: "end" }, (c) => row[c] ?? null), true);
 * ```
 */
export function breaksCondition(condition: RowRule["condition"], get: RowValue): boolean {
  switch (condition.kind) {
    case "order": {
      const before = get(condition.before);
      const after = get(condition.after);
      return before !== null && after !== null && after < before;
    }
    case "requiredWhen":
      return get(condition.when.column) === condition.when.equals && get(condition.column) === null;
  }
}

/** A message's text: fixed parts as they are, column parts as their value's text (empty for null). */
export function messageText(parts: readonly TextPart[], get: RowValue): string {
  return parts.map((p) => typeof p === "string" ? p : valueText(get(p.column)) ?? "").join("");
}

/** The problem a row has with one rule, or null when it keeps it. */
export function checkRule(rule: RowRule, get: RowValue): RuleProblem | null {
  if (!breaksCondition(rule.condition, get)) return null;
  return {
    column: rule.column,
    value: valueText(get(rule.column)),
    reason: rule.reason,
    expected: messageText(rule.expected, get),
  };
}

/**
 * The problems of a row of `table` (whose cells are all valid) with the table's rules, in rule order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const row: Record<string, string | null> = { line_of_business: "commercial", company_id: null, contract_id: null };
 * assert.deepEqual(checkRowRules("members", (c) => row[c] ?? null), [{
 *   column: "company_id",
 *   value: null,
 *   reason: "commercial member without company_id",
 *   expected: "a company_id when line_of_business is commercial",
 * }]);
 * ```
 */
export function checkRowRules(table: string, get: RowValue, rules?: readonly RowRule[]): RuleProblem[] {
  return rulesOf(table, rules).flatMap((rule) => checkRule(rule, get) ?? []);
}
