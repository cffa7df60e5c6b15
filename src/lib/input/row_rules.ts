/**
 * The row rules of the input contract: checks across the columns of one row, made after every cell
 * of the row is valid. Each rule is written once, declaratively; the build runs it as SQL
 * (`row_rule_sql.ts`) and the browser upload page as JavaScript (`row_rule_check.ts`), so the two
 * cannot disagree on which rows break it or on the words that say why.
 */
import { ELIGIBILITY, MEMBERS } from "./schema.js";

/** What makes a row break a rule. */
export type RowCondition =
  /** `after` is earlier than `before` (a row with either empty passes). */
  | { kind: "order"; before: string; after: string }
  /** `column` is empty while `when.column` equals `when.equals`. */
  | { kind: "requiredWhen"; column: string; when: { column: string; equals: string } };

/** A piece of a message: fixed text, or the text of a column's value in the row (empty for null). */
export type TextPart = string | { column: string };

/** One row rule. */
export interface RowRule {
  /** The contract table it applies to. */
  table: string;
  /** The column the problem is reported against; its value is the reject's value. */
  column: string;
  /** Why the row was refused. */
  reason: string;
  /** What was expected instead. */
  expected: readonly TextPart[];
  condition: RowCondition;
}

/**
 * The rules, in the order a table's problems are listed:
 *
 * - eligibility: a span ends on or after it starts (`enrollment_end_date >= enrollment_start_date`);
 * - members: a commercial member names its employer group (`company_id`);
 * - members: a Medicare Advantage member names its contract (`contract_id`).
 */
export const ROW_RULES: readonly RowRule[] = [
  {
    table: ELIGIBILITY.name,
    column: "enrollment_end_date",
    reason: "enrollment_end_date before enrollment_start_date",
    expected: ["on or after ", { column: "enrollment_start_date" }],
    condition: { kind: "order", before: "enrollment_start_date", after: "enrollment_end_date" },
  },
  {
    table: MEMBERS.name,
    column: "company_id",
    reason: "commercial member without company_id",
    expected: ["a company_id when line_of_business is commercial"],
    condition: {
      kind: "requiredWhen",
      column: "company_id",
      when: { column: "line_of_business", equals: "commercial" },
    },
  },
  {
    table: MEMBERS.name,
    column: "contract_id",
    reason: "Medicare Advantage member without contract_id",
    expected: ["a contract_id when line_of_business is medicare_advantage"],
    condition: {
      kind: "requiredWhen",
      column: "contract_id",
      when: { column: "line_of_business", equals: "medicare_advantage" },
    },
  },
];

/**
 * The rules of one table, in listing order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(rulesOf("members").map((r) => r.column), ["company_id", "contract_id"]);
 * assert.deepEqual(rulesOf("medical_claims"), []);
 * ```
 */
export function rulesOf(table: string, rules: readonly RowRule[] = ROW_RULES): RowRule[] {
  return rules.filter((r) => r.table === table);
}

/** The columns a rule reads: the reported column, the condition's and the message's. */
export function ruleColumns(rule: RowRule): string[] {
  const c = rule.condition;
  const read = c.kind === "order" ? [c.before, c.after] : [c.column, c.when.column];
  const parts = rule.expected.flatMap((p) => typeof p === "string" ? [] : [p.column]);
  return [...new Set([rule.column, ...read, ...parts])];
}
