/**
 * Care management outputs for caretakers: member risk with tiers, reasons and caretaker, the
 * prioritised care-gap worklist, alerts new since last month, gap-closure progress per contract
 * and measure, member timelines, and the risk model's backtest. Every member-level table is named
 * `care_*` so the access gateway serves it to caretakers only.
 */
import { type Db, queryRows } from "../lib/duckdb.ts";
import { type AppendType, createAndAppend } from "../lib/append.ts";
import { progress } from "../lib/log.ts";
import { buildPatientRisk, PATIENT_RISK_OUTPUTS } from "../../models/patient_risk/step.ts";
import type { Tier } from "../../models/patient_risk/tiers.ts";
import { type CutPoints, starFromScore } from "../../src/lib/stars/measure_stars.js";
import { roundHalfUp } from "../../src/lib/stars/rounding.js";
import { membersToNextStar } from "../../src/lib/stars/whatif.js";
import { gapPriority } from "../../src/lib/care/priority.js";
import {
  adherenceBelowThreshold,
  dischargeWithoutFollowUp,
  erVisitHighRisk,
  gapNearDeadline,
  monthWindow,
  tierUp,
} from "./alert_rules.ts";
import { buildCareTables, runCareSql } from "./tables.ts";

/** Pipeline outputs of {@linkcode buildCareOutputs} with their row order. */
export const CARE_OUTPUTS: ReadonlyArray<readonly [string, string]> = [
  ["care_member_risk", "member_id"],
  ["care_gaps", "priority_rank"],
  ["care_alerts", "alert_date desc, rule, member_id, measure_key"],
  ["care_gap_progress", "contract_id, measure_id"],
  ["care_member_timeline", "member_id, event_date, event_type, detail"],
  ...PATIENT_RISK_OUTPUTS,
];

type Columns = ReadonlyArray<readonly [string, AppendType]>;
const append = (db: Db, table: string, columns: Columns, rows: readonly Record<string, unknown>[]) =>
  createAndAppend<Record<string, unknown>>(db, table, columns, rows);

const PROGRESS_COLUMNS: Columns = [
  ["contract_id", "varchar"],
  ["measure_id", "varchar"],
  ["measure_key", "varchar"],
  ["measure_name", "varchar"],
  ["weight", "integer"],
  ["denominator", "integer"],
  ["numerator", "integer"],
  ["rate", "integer"],
  ["star", "integer"],
  ["open_gaps", "integer"],
  ["missed_gaps", "integer"],
  ["closed_gaps", "integer"],
  ["needed_for_next_star", "integer"],
  ["star_if_all_closed", "integer"],
];

const GAP_COLUMNS: Columns = [
  ["priority_rank", "integer"],
  ["priority", "double"],
  ["contract_id", "varchar"],
  ["member_id", "varchar"],
  ["region", "varchar"],
  ["caretaker", "varchar"],
  ["tier", "varchar"],
  ["probability", "double"],
  ["measure_key", "varchar"],
  ["measure_id", "varchar"],
  ["measure_name", "varchar"],
  ["gap_open", "boolean"],
  ["adherence_at_risk", "boolean"],
  ["due_date", "varchar"],
  ["closing_action", "varchar"],
  ["weight", "integer"],
  ["needed_for_next_star", "integer"],
  ["pdc", "double"],
  ["days_supply_remaining", "integer"],
];

const ALERT_COLUMNS: Columns = [
  ["alert_date", "varchar"],
  ["rule", "varchar"],
  ["member_id", "varchar"],
  ["contract_id", "varchar"],
  ["region", "varchar"],
  ["caretaker", "varchar"],
  ["tier", "varchar"],
  ["measure_key", "varchar"],
  ["detail", "varchar"],
];

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function buildProgress(db: Db): Promise<Map<string, number | null>> {
  const rows = await queryRows(db, "select * from care_progress_counts order by contract_id, measure_id");
  const needed = new Map<string, number | null>();
  const out = rows.map((r) => {
    const cut: CutPoints = {
      direction: r.direction === "lower" ? "lower" : "higher",
      thresholds: [Number(r.cut_2), Number(r.cut_3), Number(r.cut_4), Number(r.cut_5)],
    };
    const den = Number(r.denominator), numer = Number(r.numerator), open = Number(r.open_gaps);
    const precision = Number(r.precision);
    const next = membersToNextStar({ numerator: numer, denominator: den }, cut, precision);
    needed.set(`${r.contract_id}|${r.measure_id}`, next);
    const allClosed = cut.direction === "higher" ? Math.min(den, numer + open) : Math.max(0, numer - open);
    return {
      ...r,
      rate: roundHalfUp((100 * numer) / den, precision),
      star: starFromScore((100 * numer) / den, cut, precision),
      needed_for_next_star: next,
      star_if_all_closed: starFromScore((100 * allClosed) / den, cut, precision),
    };
  });
  await append(db, "care_gap_progress", PROGRESS_COLUMNS, out);
  return needed;
}

async function buildWorklist(db: Db, needed: Map<string, number | null>): Promise<void> {
  const rows = await queryRows(
    db,
    `select g.*, r.region, r.caretaker, r.tier, r.probability, s.weight
     from care_gap_candidates g
     join care_member_risk r using (member_id)
     left join care_measure_stars s on s.measure_id = g.measure_id
     order by g.member_id, g.measure_key`,
  );
  const out = rows.map((r) => {
    const n = needed.get(`${r.contract_id}|${r.measure_id}`) ?? null;
    return {
      ...r,
      member_id: String(r.member_id),
      measure_key: String(r.measure_key),
      needed_for_next_star: n,
      weight: num(r.weight) ?? 1,
      days_supply_remaining: num(r.days_supply_remaining),
      priority: gapPriority(num(r.weight) ?? 1, n, Number(r.probability)),
    };
  }).sort((a, b) =>
    b.priority - a.priority || a.member_id.localeCompare(b.member_id) ||
    a.measure_key.localeCompare(b.measure_key)
  ).map((r, i) => ({ ...r, priority_rank: i + 1 }));
  await append(db, "care_gaps", GAP_COLUMNS, out);
}

async function buildAlerts(db: Db): Promise<number> {
  const [year] = await queryRows(db, "select strftime(as_of, '%Y-%m-%d') as as_of from care_current_year");
  if (!year?.as_of) {
    // No prediction origin (less than a year of claims): nothing to compare a month against.
    await append(db, "care_alerts", ALERT_COLUMNS, []);
    return 0;
  }
  const w = monthWindow(String(year.as_of));
  const facts = await queryRows(db, "select * from alert_facts_view order by kind, member_id, date_1, key");
  const risk = await queryRows(
    db,
    "select member_id, contract_id, region, caretaker, tier, tier_previous from care_member_risk",
  );
  const byMember = new Map(risk.map((r) => [String(r.member_id), r]));
  const tierOf = new Map(risk.map((r) => [String(r.member_id), r.tier as Tier]));
  const of = (kind: string) => facts.filter((f) => f.kind === kind);
  const alerts = [
    ...erVisitHighRisk(
      of("er_visit").map((f) => ({ memberId: String(f.member_id), visitDate: String(f.date_1) })),
      tierOf,
      w,
    ),
    ...dischargeWithoutFollowUp(
      of("discharge").map((f) => ({
        memberId: String(f.member_id),
        dischargeDate: String(f.date_1),
        followUpDate: str(f.date_2),
      })),
      w,
    ),
    ...gapNearDeadline(
      of("gap").map((f) => ({
        memberId: String(f.member_id),
        measureKey: String(f.key),
        dueDate: String(f.date_1),
        openedDate: str(f.date_2),
      })),
      w,
    ),
    ...adherenceBelowThreshold(
      of("adherence").map((f) => ({
        memberId: String(f.member_id),
        measureKey: String(f.key),
        pdc: Number(f.x1),
        daysCovered: Number(f.x2),
        daysInPeriod: Number(f.x3),
        lastCoveredDate: str(f.date_1),
      })),
      w,
    ),
    ...tierUp(
      risk.map((r) => ({
        memberId: String(r.member_id),
        tier: r.tier as Tier,
        tierPrevious: (r.tier_previous ?? null) as Tier | null,
      })),
      w,
    ),
  ].filter((a) => byMember.has(a.memberId));
  const rows = alerts.map((a) => {
    const m = byMember.get(a.memberId)!;
    return {
      alert_date: a.alertDate,
      rule: a.rule,
      member_id: a.memberId,
      contract_id: m.contract_id,
      region: m.region,
      caretaker: m.caretaker,
      tier: m.tier,
      measure_key: a.measureKey,
      detail: a.detail,
    };
  });
  await append(db, "care_alerts", ALERT_COLUMNS, rows);
  return rows.length;
}

/**
 * Builds every care table from the contract tables, `member_measures`, `contract_measure_rates`
 * and the star-measure intermediates already in `db` (run after `buildStarMeasures`).
 */
export async function buildCareOutputs(db: Db): Promise<void> {
  progress("care", "building care features");
  await buildCareTables(db);
  progress("care", "backtesting and scoring the patient risk model");
  const risk = await buildPatientRisk(db);
  progress("care", risk.verdict);
  await runCareSql(db, "care_member_risk", "member_risk.sql");
  await runCareSql(db, "care_gap_candidates", "gap_candidates.sql");
  await runCareSql(db, "care_progress_counts", "progress_counts.sql");
  await runCareSql(db, "care_member_timeline", "member_timeline.sql");
  const needed = await buildProgress(db);
  await buildWorklist(db, needed);
  await runCareSql(db, "alert_facts_view", "alert_facts.sql");
  const alerts = await buildAlerts(db);
  progress("care", `${alerts} alerts since last month`);
}
