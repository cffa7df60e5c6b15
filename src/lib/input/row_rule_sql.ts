/**
 * The row rules as SQL, as the build runs them over `input_parsed` (one row per source row: `n`,
 * then the contract columns) into `input_problems` (`load_table.ts`). The same rules run in the
 * browser as JavaScript (`row_rule_check.ts`); a test runs both on one table of rows.
 */
import type { ColumnType, TableSpec } from "./schema.js";
import { type RowRule, rulesOf, type TextPart } from "./row_rules.js";
import { sqlString } from "../sql_string.js";

/** `ord` of a table's first rule: after its cell problems (`ord` = column position), before duplicate keys. */
export const RULE_ORD = 1000;

const column = (name: string): string => `p."${name.replaceAll('"', '""')}"`;

function typeOf(spec: TableSpec, name: string): ColumnType {
  const col = spec.columns.find((c) => c.name === name);
  if (!col) {
    throw new Error(
      `Cannot render a row rule of ${spec.name}: no column "${name}"; expected one of ${
        spec.columns.map((c) => c.name).join(", ")
      }`,
    );
  }
  return col.type;
}

/**
 * A column's value as text, as `valueText` writes it in JavaScript: dates `YYYY-MM-DD`, other
 * types cast to varchar (integers and booleans read the same in both; doubles may not).
 */
export function valueTextSql(spec: TableSpec, name: string): string {
  const type = typeOf(spec, name);
  if (type === "date") return `strftime(${column(name)}, '%Y-%m-%d')`;
  return type === "varchar" ? column(name) : `${column(name)}::varchar`;
}

/**
 * A rule's condition as a predicate on `p` (a row of `input_parsed`): `order` is
 * `p.after < p.before` (false when either is null); `requiredWhen` is
 * `p.when = 'equals' and p.column is null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { MEMBERS } from "./schema.js";
 * assert.equal(
 *   conditionSql(MEMBERS, { kind: "requiredWhen", column: "company_id", when: { column: "line_of_business", equals: "commercial" } }),
 *   `p."line_of_business" = 'commercial' and p."company_id" is null`,
 * );
 * ```
 */
export function conditionSql(spec: TableSpec, condition: RowRule["condition"]): string {
  switch (condition.kind) {
    case "order":
      typeOf(spec, condition.before);
      typeOf(spec, condition.after);
      return `${column(condition.after)} < ${column(condition.before)}`;
    case "requiredWhen":
      typeOf(spec, condition.column);
      typeOf(spec, condition.when.column);
      return `${column(condition.when.column)} = ${sqlString(condition.when.equals)} and ${
        column(condition.column)
      } is null`;
  }
}

/** A message as a varchar expression: a literal, or `concat` of its parts (a null value reads as empty). */
export function messageSql(spec: TableSpec, parts: readonly TextPart[]): string {
  if (parts.every((p) => typeof p === "string")) return sqlString(parts.join(""));
  return `concat(${
    parts.map((p) => typeof p === "string" ? sqlString(p) : valueTextSql(spec, p.column)).join(", ")
  })`;
}

/**
 * One rule as a `select` of `input_problems` rows: the rows of `input_parsed` that break it and
 * have no problem yet (that is, no cell problem), reported against `label` (the file's name for
 * the rule's column).
 */
export function ruleSelectSql(spec: TableSpec, rule: RowRule, ord: number, label: string): string {
  return [
    "select",
    "  p.n",
    `  , ${ord}`,
    `  , ${sqlString(label)}`,
    `  , ${valueTextSql(spec, rule.column)}`,
    `  , ${sqlString(rule.reason)}`,
    `  , ${messageSql(spec, rule.expected)}`,
    "from input_parsed as p",
    `where ${conditionSql(spec, rule.condition)}`,
    "  and not exists (select 1 from input_problems as q where q.n = p.n)",
  ].join("\n");
}

/**
 * The statement recording the row rules of `spec` in `input_problems`, or null when it has none.
 * `label` gives the file's name of a contract column (reported as the problem's column). All rules
 * of a table run in one statement, so each sees the cell problems only, as the upload page does.
 */
export function rowRulesSql(
  spec: TableSpec,
  label: (column: string) => string,
  rules?: readonly RowRule[],
): string | null {
  const own = rulesOf(spec.name, rules);
  if (own.length === 0) return null;
  const selects = own.map((rule, i) => ruleSelectSql(spec, rule, RULE_ORD + i, label(rule.column)));
  return [
    `-- grain: one problem per ${spec.name} row, valid otherwise, per row rule it breaks.`,
    "insert into input_problems",
    selects.join("\nunion all\n"),
  ].join("\n");
}
