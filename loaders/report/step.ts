/**
 * The executive summary: a small JSON the overview page reads instead of querying Parquet, so the landing page
 * loads no database engine. It is computed from the pipeline's own outputs (KPIs, risk predictions, star
 * ratings, money, weak measures, recommendations) with the SQL files beside this module; nothing here
 * re-derives a metric those steps define.
 */
import { join } from "node:path";
import { starFromScore } from "../../src/lib/stars/measure_stars.ts";
import type { Direction } from "../../src/lib/stars/catalogue.ts";
import type { Db } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { type ManifestFile, sha256Hex } from "../manifest.ts";
import { bonusStake, halfStarGap } from "./star_position.ts";
import { type CompanyAction, topActions, type WeakMeasureAction } from "./top_actions.ts";

/** The file the step writes into the pipeline output (financial: executives only). */
export const EXECUTIVE_SUMMARY_FILE = "executive_summary.json";

/** Probability at or above which the next-month model calls a company High (as the recommendations step). */
export const HIGH_RISK_PROBABILITY = 0.5;

type Row = Record<string, unknown>;

async function rows(db: Db, file: string, params: unknown[] = []): Promise<Row[]> {
  const reader = await db.con.runAndReadAll(
    readSql(import.meta.url, file),
    params as Parameters<Db["con"]["runAndReadAll"]>[1],
  );
  return reader.getRowObjectsJS() as Row[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** The first action of a recommendation's `actions` JSON (`[{action, why}]`). */
export function firstAction(actions: unknown, subject: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(actions));
  } catch {
    throw new Error(
      `Cannot read recommendation ${subject}: "actions" is not JSON (${JSON.stringify(actions)})`,
    );
  }
  const first = Array.isArray(parsed) ? parsed[0] : undefined;
  if (!first || typeof first.action !== "string") {
    throw new Error(
      `Cannot read recommendation ${subject}: "actions" needs at least one {action, why} (${
        JSON.stringify(actions)
      })`,
    );
  }
  return first.action;
}

async function starSection(db: Db) {
  const contracts = (await rows(db, "./star_position.sql")).map((r) => {
    const value = num(r.overall_value);
    const highest = num(r.highest_rating);
    const gap = value === null ? null : halfStarGap(value);
    const finance = r.benchmark_pmpm === null || r.members === null ? null : {
      benchmarkPmpm: Number(r.benchmark_pmpm),
      bidPmpm: Number(r.bid_pmpm),
      members: Number(r.members),
      doubleBonusShare: Number(r.double_bonus_county_share),
    };
    const stake = finance ? bonusStake(highest, finance) : null;
    return {
      contract_id: String(r.contract_id),
      contract_name: String(r.contract_name),
      measurement_year: num(r.measurement_year),
      star_year: num(r.star_year),
      overall: num(r.overall),
      part_c: num(r.part_c_summary),
      part_d: num(r.part_d_summary),
      highest_rating: highest,
      overall_value: value,
      next_half_star: gap?.next ?? null,
      value_to_next_half_star: gap?.toNext ?? null,
      value_to_four: gap?.toFour ?? null,
      qbp_eligible: highest !== null && highest >= 4,
      revenue_per_year: num(r.revenue_per_year),
      change_next_half_star_per_year: num(r.change_up_per_year),
      bonus_stake_kind: stake?.kind ?? null,
      bonus_stake_per_year: stake?.atStake ?? null,
      forecast_star_year: num(r.forecast_star_year),
      forecast_overall: num(r.forecast_overall),
      forecast_low: num(r.forecast_low),
      forecast_high: num(r.forecast_high),
      p_at_least_four: num(r.p_at_least_four),
    };
  });
  const scoredYear = contracts[0]?.measurement_year ?? null;
  const complete = (await rows(db, "../stars/step_complete_years.sql")).map((r) =>
    Number(r.measurement_year)
  );
  const compareYear = scoredYear === null ? null : complete.filter((y) => y > scoredYear).at(-1) ?? null;
  const movements = compareYear === null ? [] : (await rows(db, "./star_movements.sql", [compareYear]))
    .map((r) => {
      const cut = {
        direction: String(r.direction) as Direction,
        thresholds: [Number(r.cut_2), Number(r.cut_3), Number(r.cut_4), Number(r.cut_5)] as [
          number,
          number,
          number,
          number,
        ],
      };
      return {
        contract_id: String(r.contract_id),
        measure_id: String(r.measure_id),
        measure_name: String(r.measure_name),
        score: num(r.score),
        star: Number(r.star),
        next_score: Number(r.next_score),
        next_star: starFromScore(Number(r.next_score), cut, Number(r.precision ?? 0)),
      };
    })
    .filter((m) => m.next_star !== m.star);
  return { contracts, compare_year: compareYear, movements };
}

async function utilizationSection(db: Db) {
  const [months] = await rows(db, "./months.sql");
  const latest = text(months?.latest_month);
  const previous = text(months?.previous_month);
  if (latest === null) {
    return {
      latest_month: null,
      previous_month: null,
      book: [],
      ivi_bins: [],
      transitions: [],
      new_high: [],
      predicted_high: [],
      avoidable_er: null,
    };
  }
  const [cost] = await rows(db, "./avoidable_er_cost.sql", [latest]);
  return {
    latest_month: latest,
    previous_month: previous,
    book: await rows(db, "./book_kpis.sql", [latest, previous]),
    ivi_bins: await rows(db, "./ivi_bins.sql", [latest]),
    transitions: previous === null ? [] : await rows(db, "./band_transitions.sql", [latest, previous]),
    new_high: previous === null ? [] : await rows(db, "./new_high.sql", [latest, previous]),
    predicted_high: await rows(db, "./predicted_high.sql", [HIGH_RISK_PROBABILITY]),
    avoidable_er: cost ?? null,
  };
}

async function actionSection(db: Db) {
  const weak = (await rows(db, "./weak_measure_actions.sql")).map((r): WeakMeasureAction => ({
    contract_id: String(r.contract_id),
    measure_key: String(r.measure_key),
    measure_id: String(r.measure_id),
    measure_name: String(r.measure_name),
    rank: Number(r.rank),
    members_to_next_star: num(r.members_to_next_star),
    stars_at_stake_per_100: num(r.stars_at_stake_per_100),
    value_gain: num(r.value_gain),
    rating_before: num(r.rating_before),
    rating_after: num(r.rating_after),
    revenue_change_per_year: num(r.revenue_change_per_year),
    crosses_four_stars: r.crosses_four_stars === null ? null : Boolean(r.crosses_four_stars),
    action: firstAction(r.actions, `weak_measure ${r.subject_id}`),
    expected_effect: String(r.expected_effect),
  }));
  const companies = (await rows(db, "./company_recommendations.sql")).map((r): CompanyAction => ({
    company_id: String(r.company_id),
    company_name: String(r.company_name),
    predicted_month: String(r.predicted_month),
    probability: Number(r.probability),
    risk_rank: Number(r.risk_rank),
    action: firstAction(r.actions, `company ${r.company_id}`),
    expected_effect: String(r.expected_effect),
  }));
  return { recommendations: weak.length + companies.length, top: topActions(weak, companies, 5) };
}

/** Everything the overview page shows, from the tables in `db` (call after every other step). */
export async function buildExecutiveSummary(db: Db) {
  return {
    high_risk_probability: HIGH_RISK_PROBABILITY,
    stars: await starSection(db),
    utilization: await utilizationSection(db),
    actions: await actionSection(db),
  };
}

/** The executive summary's shape. */
export type ExecutiveSummary = Awaited<ReturnType<typeof buildExecutiveSummary>>;

/**
 * Fractions to 12 significant digits: the file stays small and the same whatever order DuckDB's threads added
 * the sums in (the last binary digits of a parallel sum can differ).
 */
function stableNumber(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value;
}

/** Writes {@link EXECUTIVE_SUMMARY_FILE} to `out` and returns its manifest entry (one row: one object). */
export async function writeExecutiveSummary(db: Db, out: string): Promise<ManifestFile> {
  const summary = await buildExecutiveSummary(db);
  const data = new TextEncoder().encode(JSON.stringify(summary, stableNumber) + "\n");
  await Deno.writeFile(join(out, EXECUTIVE_SUMMARY_FILE), data);
  return { name: EXECUTIVE_SUMMARY_FILE, rows: 1, bytes: data.length, sha256: await sha256Hex(data) };
}
