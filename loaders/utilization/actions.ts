/**
 * Recommended actions from a rule library (`data/reference/utilization_actions.csv`): each rule
 * compares one figure of a company-month with a threshold and, when it fires, names the action and
 * the figure's value that triggered it. Rules apply only with enough exposure
 * (`min_window_member_months`), so a tiny company does not trigger actions by noise.
 */
import { parseCsv } from "../../src/lib/stars/csv.ts";

/** Comparison operators a rule may use. */
export const OPERATORS = ["<", "<=", ">", ">="] as const;
export type Operator = (typeof OPERATORS)[number];

/** One rule. */
export interface ActionRule {
  action_id: string;
  metric: string;
  operator: Operator;
  threshold: number;
  min_window_member_months: number;
  priority: number;
  action: string;
  rationale: string;
}

/** One fired action. */
export interface CompanyAction {
  company_id: string;
  year_month: string;
  action_id: string;
  priority: number;
  metric: string;
  value: number;
  operator: string;
  threshold: number;
  action: string;
  rationale: string;
}

const COLUMNS = [
  "action_id",
  "metric",
  "operator",
  "threshold",
  "min_window_member_months",
  "priority",
  "action",
  "rationale",
] as const;

/**
 * Parses the rule library; `metrics` lists the figures a rule may name. Errors name the file, row,
 * column, value and what was expected.
 */
export function parseRules(text: string, file: string, metrics: ReadonlySet<string>): ActionRule[] {
  const [header, ...body] = parseCsv(text).filter((r) => r.some((f) => f !== ""));
  if (!header || COLUMNS.some((c, i) => header[i] !== c)) {
    throw new Error(
      `Cannot read ${file}: the header must be ${COLUMNS.join(",")} (got ${header?.join(",")})`,
    );
  }
  return body.map((fields, i) => {
    const row = i + 2;
    const get = (c: (typeof COLUMNS)[number]) => fields[COLUMNS.indexOf(c)] ?? "";
    const fail = (c: (typeof COLUMNS)[number], expected: string): never => {
      throw new Error(`Cannot read ${file} row ${row}: "${c}" is ${expected} (got "${get(c)}")`);
    };
    const number = (c: (typeof COLUMNS)[number]) => {
      const v = Number(get(c));
      return get(c).trim() === "" || !Number.isFinite(v) ? fail(c, "not a number") : v;
    };
    if (!/^[a-z0-9_]+$/.test(get("action_id"))) fail("action_id", "not a snake_case identifier");
    if (!metrics.has(get("metric"))) fail("metric", `not a known figure (${[...metrics].join(", ")})`);
    if (!(OPERATORS as readonly string[]).includes(get("operator"))) {
      fail("operator", `not one of ${OPERATORS.join(" ")}`);
    }
    if (get("action").trim() === "") fail("action", "empty");
    return {
      action_id: get("action_id"),
      metric: get("metric"),
      operator: get("operator") as Operator,
      threshold: number("threshold"),
      min_window_member_months: number("min_window_member_months"),
      priority: number("priority"),
      action: get("action"),
      rationale: get("rationale"),
    };
  });
}

/** `value operator threshold`. */
export function compare(value: number, operator: Operator, threshold: number): boolean {
  switch (operator) {
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    default:
      throw new Error(`invalid operator: ${operator}`);
  }
}

/** Fires every rule on every company-month row (rows need company_id, year_month, window_member_months). */
export function companyActions(
  rows: ReadonlyArray<Record<string, unknown>>,
  rules: readonly ActionRule[],
): CompanyAction[] {
  const out: CompanyAction[] = [];
  for (const r of rows) {
    for (const rule of rules) {
      const value = r[rule.metric];
      if (typeof value !== "number" || !Number.isFinite(value)) continue;
      if (Number(r.window_member_months ?? 0) < rule.min_window_member_months) continue;
      if (!compare(value, rule.operator, rule.threshold)) continue;
      out.push({
        company_id: String(r.company_id),
        year_month: String(r.year_month),
        action_id: rule.action_id,
        priority: rule.priority,
        metric: rule.metric,
        value,
        operator: rule.operator,
        threshold: rule.threshold,
        action: rule.action,
        rationale: rule.rationale,
      });
    }
  }
  return out;
}
