import type { Db } from "../../loaders/lib/duckdb.ts";
import { type AppendType, createAndAppend } from "../../loaders/lib/append.ts";
import { fitLogisticRegression } from "../logistic/logistic_regression.ts";
import {
  backtestPatientRisk,
  type CareBacktestOptions,
  type CareEvaluation,
  fitCareModels,
} from "./backtest.ts";
import { readRiskRows, type RiskRow } from "./features.ts";
import { topReasons } from "./reasons.ts";
import { assignTier, percentiles, type Tier, TIER_RULE, TIERS } from "./tiers.ts";
import { careVerdict } from "./verdict.ts";

type Columns = ReadonlyArray<readonly [string, AppendType]>;

function append(db: Db, table: string, columns: Columns, rows: readonly Record<string, unknown>[]) {
  return createAndAppend<Record<string, unknown>>(db, table, columns, rows);
}

const SCORE_COLUMNS: Columns = [
  ["member_id", "varchar"],
  ["contract_id", "varchar"],
  ["score_date", "varchar"],
  ["probability", "double"],
  ["percentile", "double"],
  ["tier", "varchar"],
  ["probability_previous", "double"],
  ["percentile_previous", "double"],
  ["tier_previous", "varchar"],
  ["reason_1", "varchar"],
  ["reason_2", "varchar"],
  ["reason_3", "varchar"],
];

const BACKTEST_COLUMNS: Columns = [
  ["scope", "varchar"],
  ["origin_date", "varchar"],
  ["model", "varchar"],
  ["chosen", "boolean"],
  ["rows", "integer"],
  ["events", "integer"],
  ["event_rate", "double"],
  ["mean_predicted", "double"],
  ["roc_auc", "double"],
  ["pr_auc", "double"],
  ["brier", "double"],
  ["calibration_slope", "double"],
  ["top5_precision", "double"],
  ["top5_lift", "double"],
  ["top10_precision", "double"],
];

const CALIBRATION_COLUMNS: Columns = [
  ["model", "varchar"],
  ["bin", "integer"],
  ["lower", "double"],
  ["upper", "double"],
  ["count", "integer"],
  ["mean_predicted", "double"],
  ["fraction_positive", "double"],
];

const TIER_COLUMNS: Columns = [
  ["tier", "varchar"],
  ["rule", "varchar"],
  ["min_probability", "double"],
  ["members", "integer"],
  ["expected_event_rate", "double"],
  ["backtest_rows", "integer"],
  ["backtest_event_rate", "double"],
];

const MODEL_COLUMNS: Columns = [
  ["score_date", "varchar"],
  ["chosen_model", "varchar"],
  ["training_rows", "integer"],
  ["training_origins", "integer"],
  ["verdict", "varchar"],
];

/** Pipeline outputs of {@linkcode buildPatientRisk} with their row order. */
export const PATIENT_RISK_OUTPUTS: ReadonlyArray<readonly [string, string]> = [
  ["care_model_backtest", "scope desc, origin_date, model"],
  ["care_model_calibration", "model, bin"],
  ["care_risk_tiers", "case tier when 'high' then 1 when 'rising' then 2 when 'moderate' then 3 else 4 end"],
  ["care_model", "score_date"],
];

const RULE_TEXT: Record<Tier, string> = {
  high: `top ${100 - TIER_RULE.high}% of predicted risk (percentile ≥ ${TIER_RULE.high})`,
  rising:
    `not high; percentile up ≥ ${TIER_RULE.risingJump} points since last quarter and ≥ ${TIER_RULE.risingFloor}`,
  moderate: `otherwise percentile ≥ ${TIER_RULE.moderate}`,
  low: `otherwise`,
};

function metrics(scope: string, origin: string | null, model: string, chosen: boolean, e: CareEvaluation) {
  return {
    scope,
    origin_date: origin,
    model,
    chosen,
    rows: e.rows,
    events: e.positives,
    event_rate: e.prevalence,
    mean_predicted: e.meanPredicted,
    roc_auc: e.rocAuc,
    pr_auc: e.prAuc,
    brier: e.brier,
    calibration_slope: e.calibrationSlope,
    top5_precision: e.top5Precision,
    top5_lift: e.top5Lift,
    top10_precision: e.topDecilePrecision,
  };
}

/** Summary returned by {@linkcode buildPatientRisk}. */
export interface PatientRiskSummary {
  chosenModel: string | null;
  verdict: string;
  scored: number;
}

/**
 * Reads `care_risk_features`, backtests the logistic regression and the forest against the
 * "ER visit in the last 3 months" baseline, picks the candidate with the higher pooled PR-AUC
 * (the worklist acts on the top of the ranking), refits it on every labelled row and scores the
 * latest origin and the one before (for "rising" and tier moves). Writes `care_member_scores`,
 * `care_model_backtest`, `care_model_calibration`, `care_risk_tiers` and `care_model`.
 */
export async function buildPatientRisk(
  db: Db,
  options: CareBacktestOptions = {},
): Promise<PatientRiskSummary> {
  const rows = await readRiskRows(db);
  const origins = [...new Set(rows.map((r) => r.origin))].sort();
  const labelled = rows.filter((r) => r.y !== null);
  const classes = new Set(labelled.map((r) => r.y));
  if (classes.size < 2 || origins.length < 3) {
    const verdict = `No model was fitted: ${
      classes.size < 2 ? "the labelled history holds one outcome class only" : "fewer than three origins"
    } (${labelled.length} labelled rows over ${origins.length} origins).`;
    await append(db, "care_member_scores", SCORE_COLUMNS, []);
    await append(db, "care_model_backtest", BACKTEST_COLUMNS, []);
    await append(db, "care_model_calibration", CALIBRATION_COLUMNS, []);
    await append(db, "care_risk_tiers", TIER_COLUMNS, []);
    await append(db, "care_model", MODEL_COLUMNS, [{
      score_date: origins.at(-1) ?? null,
      chosen_model: null,
      training_rows: labelled.length,
      training_origins: 0,
      verdict,
    }]);
    return { chosenModel: null, verdict, scored: 0 };
  }
  const bt = backtestPatientRisk(rows, options);
  const pooled = Object.fromEntries(
    bt.rows.filter((r) => r.origin === null).map((r) => [r.model, r.evaluation]),
  );
  const chosen = (pooled.forest?.prAuc ?? -1) > (pooled.logistic?.prAuc ?? -1) ? "forest" : "logistic";
  const verdict = careVerdict(
    chosen,
    pooled.logistic && pooled.forest && pooled.er_last_3m ? pooled as never : null,
  );

  const models = fitCareModels(labelled, options);
  const logistic = fitLogisticRegression(labelled.map((r) => r.x), labelled.map((r) => r.y!), {
    C: options.C ?? 1,
  });
  const at = (k: number) => rows.filter((r) => r.origin === origins[origins.length - 1 - k]);
  const scoreAt = (list: RiskRow[]) => {
    const p = models[chosen](list.map((r) => r.x));
    const pct = percentiles(p);
    return new Map(list.map((r, i) => [r.memberId, { p: p[i]!, pct: pct[i]! }]));
  };
  const [now, prev, prev2] = [at(0), at(1), at(2)];
  const sNow = scoreAt(now), sPrev = scoreAt(prev), sPrev2 = scoreAt(prev2);
  const scores = now.map((r) => {
    const s = sNow.get(r.memberId)!, b = sPrev.get(r.memberId), b2 = sPrev2.get(r.memberId);
    const reasons = topReasons(logistic, r.x);
    return {
      member_id: r.memberId,
      contract_id: r.contractId,
      score_date: r.origin,
      probability: s.p,
      percentile: s.pct,
      tier: assignTier(s.pct, b?.pct ?? null),
      probability_previous: b?.p ?? null,
      percentile_previous: b?.pct ?? null,
      tier_previous: b ? assignTier(b.pct, b2?.pct ?? null) : null,
      reason_1: reasons[0] ?? null,
      reason_2: reasons[1] ?? null,
      reason_3: reasons[2] ?? null,
    };
  });
  await append(db, "care_member_scores", SCORE_COLUMNS, scores);
  await append(
    db,
    "care_model_backtest",
    BACKTEST_COLUMNS,
    bt.rows.map((r) =>
      metrics(r.origin ? "origin" : "pooled", r.origin, r.model, r.model === chosen, r.evaluation)
    ),
  );
  await append(
    db,
    "care_model_calibration",
    CALIBRATION_COLUMNS,
    bt.calibration.flatMap(({ model, bins }) =>
      bins.map((b) => ({
        model,
        bin: b.bin,
        lower: b.lower,
        upper: b.upper,
        count: b.count,
        mean_predicted: b.meanPredicted,
        fraction_positive: b.fractionPositive,
      }))
    ),
  );
  await append(
    db,
    "care_risk_tiers",
    TIER_COLUMNS,
    TIERS.map((tier) => {
      const members = scores.filter((s) => s.tier === tier);
      const past = bt.tiers[chosen].filter((t) => t.tier === tier);
      return {
        tier,
        rule: RULE_TEXT[tier],
        min_probability: members.length ? Math.min(...members.map((s) => s.probability)) : null,
        members: members.length,
        expected_event_rate: members.length
          ? members.reduce((s, m) => s + m.probability, 0) / members.length
          : null,
        backtest_rows: past.length,
        backtest_event_rate: past.length ? past.reduce((s, t) => s + t.y, 0) / past.length : null,
      };
    }),
  );
  await append(db, "care_model", MODEL_COLUMNS, [{
    score_date: origins.at(-1)!,
    chosen_model: chosen,
    training_rows: labelled.length,
    training_origins: new Set(labelled.map((r) => r.origin)).size,
    verdict,
  }]);
  return { chosenModel: chosen, verdict, scored: scores.length };
}
