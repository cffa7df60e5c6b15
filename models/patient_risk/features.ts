import { type Db, queryRows } from "../../loaders/lib/duckdb.ts";

/** Feature columns of `care_risk_features`, in model order, with how a caretaker reads each one. */
export const FEATURES: ReadonlyArray<readonly [string, string]> = [
  ["age", "age {v}"],
  ["female", "female"],
  ["low_income", "dual eligible or low-income subsidy"],
  ["er_visits_3m", "{v} ER visit(s) in the last 3 months"],
  ["er_visits_12m", "{v} ER visit(s) in the last 12 months"],
  ["avoidable_er_12m", "{v} avoidable ER visit(s) in the last 12 months"],
  ["admissions_3m", "{v} admission(s) in the last 3 months"],
  ["admissions_12m", "{v} unplanned admission(s) in the last 12 months"],
  ["chronic_conditions", "{v} chronic condition(s) diagnosed"],
  ["pcp_visits_12m", "{v} primary-care visit(s) in the last 12 months"],
  ["no_pcp_visit_6m", "no primary-care visit in 6 months"],
  ["maintenance_classes", "{v} maintenance drug class(es)"],
  ["rx_coverage_90d", "lowest drug-class supply coverage {p} in the last 90 days"],
  ["log_paid_12m", "high medical spend in the last 12 months"],
];

/** Feature names in model order. */
export const FEATURE_NAMES: readonly string[] = FEATURES.map(([n]) => n);

/** One member at one prediction origin. */
export interface RiskRow {
  memberId: string;
  contractId: string;
  /** Prediction origin `YYYY-MM-DD`: features use claims before it. */
  origin: string;
  x: number[];
  /** Avoidable ER visit or unplanned admission in the next 3 months; null while unknown. */
  y: 0 | 1 | null;
}

/**
 * Reads `care_risk_features` (one row per member and origin) into model rows, ordered by origin
 * and member. Stops on a repeated member × origin, a non-finite feature or a label other than 0/1.
 */
export async function readRiskRows(db: Db, table = "care_risk_features"): Promise<RiskRow[]> {
  const rows = await queryRows(
    db,
    `select member_id, contract_id, strftime(origin_date, '%Y-%m-%d') as origin, ${FEATURE_NAMES.join(", ")}
      , event_next_3m from ${table} order by origin_date, member_id`,
  );
  const out: RiskRow[] = [];
  let previous = "";
  rows.forEach((r, i) => {
    const where = `${table} row ${i + 1} (member ${r.member_id}, origin ${r.origin})`;
    const key = `${r.origin}|${r.member_id}`;
    if (key === previous) throw new Error(`Cannot read ${where}: the member appears twice at this origin`);
    previous = key;
    const x = FEATURE_NAMES.map((name) => {
      const v = Number(r[name]);
      if (r[name] === null || !Number.isFinite(v)) {
        throw new Error(`Cannot read ${where}: "${name}" is not a finite number (${String(r[name])})`);
      }
      return v;
    });
    const label = r.event_next_3m;
    if (label !== null && label !== 0 && label !== 1) {
      throw new Error(`Cannot read ${where}: "event_next_3m" must be 0, 1 or null (got ${String(label)})`);
    }
    out.push({
      memberId: String(r.member_id),
      contractId: String(r.contract_id),
      origin: String(r.origin),
      x,
      y: label as 0 | 1 | null,
    });
  });
  return out;
}
