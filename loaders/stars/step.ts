/**
 * The pipeline's Star Ratings step for the plan's own contracts: reads `contract_measure_rates` (one row per
 * contract × measure × measurement year), scores the scored year's rates against CMS's 2026 national cut points
 * with the engine, and creates the tables `contract_measure_stars`, `contract_star_ratings`, `weak_measures`,
 * `star_forecast` and `star_money` (columns in docs/star-forecast.md).
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_FORECAST_OPTIONS,
  type ForecastOptions,
  trainStarForecast,
} from "../../models/star_forecast/model.ts";
import { forecastFeatures } from "../../models/star_forecast/features.ts";
import { nationalSeed, parseCorrelations } from "../../models/star_forecast/national_seed.ts";
import { measureStats } from "../../models/star_forecast/simulate.ts";
import type { Catalogue } from "../../src/lib/stars/catalogue.ts";
import { cutPointsByKey } from "../../src/lib/stars/cms_contracts.ts";
import { parseContractInfo } from "../../src/lib/stars/contract_info.ts";
import {
  type ContractFinance,
  contractRevenue,
  paymentRating,
} from "../../src/lib/stars/contract_revenue.ts";
import { roundHalfUp } from "../../src/lib/stars/rounding.ts";
import { RULES_2026 } from "../../src/lib/stars/rules.ts";
import type { ContractProfile } from "../../src/lib/stars/summary.ts";
import { weakMeasures } from "../../src/lib/stars/weak_measures.ts";
import {
  evaluate,
  type MeasureState,
  membersToNextStar,
  type WhatIfContext,
} from "../../src/lib/stars/whatif.ts";
import { createAndAppend } from "../lib/append.ts";
import { type Db, queryRows } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { readCmsStarFiles } from "./cms_files.ts";
import { parseContractFinance } from "./contract_finance.ts";
import { readCatalogue, STARS_REFERENCE_DIR } from "./reference.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The Star year whose national cut points and rules score the own contracts. */
export const STAR_YEAR = 2026;

/** Options of {@link buildStarOutputs}; every path has the project default. */
export interface StarOutputOptions {
  /**
   * Measurement year to score; default the latest one every contract has rates for and, when the database has
   * `member_months`, with members in all 12 of its months.
   */
  measurementYear?: number;
  cmsDir?: string;
  financePath?: string;
  catalogue?: Catalogue;
  forecast?: ForecastOptions;
}

/** What {@link buildStarOutputs} did. */
export interface StarOutputSummary {
  measurementYear: number;
  contracts: number;
  tables: readonly string[];
  forecastMetrics: ReturnType<typeof trainStarForecast>["metrics"];
}

interface RateRow {
  contract_id: string;
  measure_key: string;
  measure_id: string;
  measurement_year: number;
  denominator: number | null;
  numerator: number | null;
  rate: number | null;
  source: string;
}

function rowError(r: RateRow, column: string, expected: string, value: unknown): Error {
  return new Error(
    `Cannot score contract_measure_rates row (${r.contract_id}, ${r.measure_key}, ${r.measurement_year}): "${column}" ${expected} (${
      JSON.stringify(value)
    })`,
  );
}

/** Checks one rate row and turns it into a What-If measure state (numerator/denominator only for plain rates). */
function measureState(r: RateRow, catalogue: Catalogue): MeasureState {
  const m = catalogue.byKey.get(r.measure_key);
  if (!m) throw rowError(r, "measure_key", `is not a ${catalogue.year} Star Ratings measure`, r.measure_key);
  if (m.cmsId !== r.measure_id) {
    throw rowError(r, "measure_id", `must be ${m.cmsId} for ${m.key}`, r.measure_id);
  }
  if (r.source !== "claims" && r.source !== "scenario") {
    throw rowError(r, "source", "must be claims or scenario", r.source);
  }
  if (r.rate === null || !Number.isFinite(r.rate)) throw rowError(r, "rate", "must be a number", r.rate);
  if (r.denominator === null) return { key: m.key, score: r.rate };
  if (!(Number.isInteger(r.denominator) && r.denominator >= 0)) {
    throw rowError(r, "denominator", "must be a whole number ≥ 0", r.denominator);
  }
  if (
    r.numerator === null ||
    !(Number.isInteger(r.numerator) && r.numerator >= 0 && r.numerator <= r.denominator)
  ) {
    throw rowError(
      r,
      "numerator",
      `must be a whole number from 0 to the denominator ${r.denominator}`,
      r.numerator,
    );
  }
  // Members to the next star are counted on 100 · numerator / denominator; a risk-standardised rate (PCR) is not.
  const plain = r.denominator > 0 &&
    roundHalfUp((100 * r.numerator) / r.denominator, m.precision) === roundHalfUp(r.rate, m.precision);
  return plain
    ? { key: m.key, score: r.rate, numerator: r.numerator, denominator: r.denominator }
    : { key: m.key, score: r.rate };
}

/**
 * Years with all 12 months in `member_months`, as comma-separated text ("" when there is none); null without
 * that table. Text rather than a list value: an empty list cannot be bound as a typed parameter.
 */
async function completeYears(db: Db): Promise<string | null> {
  const exists = await queryRows(
    db,
    "select count(*)::integer as n from information_schema.tables where table_name = 'member_months'",
  );
  if (exists[0]?.n === 0) return null;
  const rows = await queryRows(db, readSql(import.meta.url, "./step_complete_years.sql"));
  return rows.map((r) => String(Number(r.measurement_year))).join(",");
}

async function enrolment(db: Db): Promise<Map<string, number>> {
  const exists = await queryRows(
    db,
    "select count(*)::integer as n from information_schema.columns where table_name = 'contracts' and column_name = 'members'",
  );
  if (exists[0]?.n === 0) return new Map();
  const rows = await queryRows(db, "select contract_id, members::double as members from contracts");
  return new Map(rows.map((r) => [String(r.contract_id), Number(r.members)]));
}

/**
 * Scores the own contracts and creates the five Star Ratings tables (see the module comment). Call after the
 * step that creates `contract_measure_rates`; the forecast model is trained here on simulated national
 * histories (a few seconds, deterministic).
 */
export async function buildStarOutputs(db: Db, options: StarOutputOptions = {}): Promise<StarOutputSummary> {
  const catalogue = options.catalogue ?? await readCatalogue(STAR_YEAR);
  const cmsDir = options.cmsDir ?? join(ROOT, "data", "reference", `cms-${STAR_YEAR}`);
  const financePath = options.financePath ?? join(ROOT, "data", "synthetic", "contract_finance.csv");
  const reader = await db.con.runAndReadAll(readSql(import.meta.url, "./step_measure_rates.sql"), [
    options.measurementYear ?? null,
    await completeYears(db),
  ]);
  const rates = reader.getRowObjectsJS() as unknown as RateRow[];
  // Data without MA contracts or without a complete measurement year has nothing to score: the tables are
  // written empty and the pages say so.
  const measurementYear = rates[0]?.measurement_year ?? options.measurementYear ?? 0;
  const cms = await readCmsStarFiles(cmsDir, STAR_YEAR);
  if (!cms.cutPoints || !cms.measureData) {
    throw new Error(`${cmsDir} needs the Measure Data and Cut Points files`);
  }
  const cutPoints = cutPointsByKey(cms.cutPoints, catalogue, false);
  const finance = parseContractFinance(await Deno.readTextFile(financePath), financePath);
  const members = await enrolment(db);

  const byContract = new Map<string, RateRow[]>();
  for (const r of rates) byContract.set(r.contract_id, [...(byContract.get(r.contract_id) ?? []), r]);

  // Every row is checked before the forecast model is trained.
  const statesByContract = new Map<string, MeasureState[]>();
  for (const [contractId, rows] of byContract) {
    const seen = new Set<string>();
    for (const r of rows) {
      if (seen.has(r.measure_key)) {
        throw rowError(r, "measure_key", "appears twice for the contract", r.measure_key);
      }
      seen.add(r.measure_key);
    }
    statesByContract.set(contractId, rows.map((r) => measureState(r, catalogue)));
  }

  const seed = nationalSeed(
    { measureStars: cms.measureStars, measureData: cms.measureData, cai: cms.cai, cutPoints: cms.cutPoints },
    catalogue,
    RULES_2026,
    parseCorrelations(
      await Deno.readTextFile(join(STARS_REFERENCE_DIR, "year_to_year_correlation_2026.csv")),
    ),
    parseContractInfo(
      await Deno.readTextFile(join(STARS_REFERENCE_DIR, "cms_2026_summary_ratings.csv")),
      "cms_2026_summary_ratings.csv",
    ),
  );
  const forecaster = trainStarForecast(seed, options.forecast ?? DEFAULT_FORECAST_OPTIONS);
  const featureCtx = {
    catalogue,
    stats: measureStats(seed.contracts),
    correlation: seed.correlation,
    cutPoints,
  };

  const measureRows: Record<string, unknown>[] = [];
  const ratingRows: Record<string, unknown>[] = [];
  const weakRows: Record<string, unknown>[] = [];
  const forecastRows: Record<string, unknown>[] = [];
  const moneyRows: Record<string, unknown>[] = [];
  for (const [contractId, rows] of byContract) {
    const states = statesByContract.get(contractId)!;
    const keys = new Set(states.map((s) => s.key));
    const profile: ContractProfile = {
      contractId,
      kind: "ccp",
      offersPartD: catalogue.measures.some((m) => m.part === "D" && keys.has(m.key)),
      snp: catalogue.measures.some((m) => m.snpOnly && keys.has(m.key)),
      puertoRicoOnly: false,
      fac: { part_c: null, part_d: null, overall: null },
    };
    const ctx: WhatIfContext = { catalogue, rules: RULES_2026, cutPoints, profile };
    const result = evaluate(ctx, states);
    rows.forEach((r, i) => {
      const m = catalogue.byKey.get(r.measure_key)!;
      const s = states[i]!;
      const cut = cutPoints.get(m.key)!;
      measureRows.push({
        contract_id: contractId,
        measurement_year: measurementYear,
        star_year: STAR_YEAR,
        measure_key: m.key,
        measure_id: m.cmsId,
        part: m.part,
        source: r.source,
        denominator: r.denominator,
        numerator: r.numerator,
        score: r.rate,
        star: result.stars.get(m.key),
        cut_2: cut.thresholds[0],
        cut_3: cut.thresholds[1],
        cut_4: cut.thresholds[2],
        cut_5: cut.thresholds[3],
        weight: m.weight,
        direction: m.direction,
        members_to_next_star: s.numerator !== undefined && s.denominator
          ? membersToNextStar({ numerator: s.numerator, denominator: s.denominator }, cut, m.precision)
          : null,
      });
    });
    const rt = result.ratings;
    const highest = result.highest;
    ratingRows.push({
      contract_id: contractId,
      measurement_year: measurementYear,
      star_year: STAR_YEAR,
      part_c_summary: rt.part_c.stars,
      part_d_summary: rt.part_d.stars,
      overall: rt.overall.stars,
      highest_rating: highest,
      part_c_mean: rt.part_c.mean,
      part_d_mean: rt.part_d.mean,
      overall_mean: rt.overall.mean,
      overall_variance: rt.overall.variance,
      part_c_reward_factor: rt.part_c.rewardFactor,
      part_d_reward_factor: rt.part_d.rewardFactor,
      overall_reward_factor: rt.overall.rewardFactor,
      cai: rt.highest ? rt[rt.highest].cai ?? 0 : 0,
      with_improvement: rt.highest ? rt[rt.highest].withImprovement : null,
      overall_value: rt.overall.value,
      at_least_four: highest !== null && highest >= 4,
    });
    const f = finance.get(contractId) ?? finance.get("*");
    if (!f) throw new Error(`${financePath} has no row for ${contractId} and no default row "*"`);
    const enrolled = f.members ?? members.get(contractId);
    if (enrolled === undefined) {
      throw new Error(
        `${financePath} leaves "members" blank for ${contractId} and no contracts table gives them`,
      );
    }
    const money: ContractFinance = { ...f, members: enrolled };
    weakMeasures(ctx, states, money).forEach((w, i) =>
      weakRows.push({
        contract_id: contractId,
        rank: i + 1,
        measure_key: w.key,
        measure_id: w.cmsId,
        weight: w.weight,
        star: w.star,
        star_after: w.starAfter,
        members_to_next_star: w.membersToNextStar,
        stars_at_stake_per_100: w.starsAtStakePer100,
        rating_before: w.ratingBefore,
        rating_after: w.ratingAfter,
        value_before: w.valueBefore,
        value_after: w.valueAfter,
        revenue_change_per_year: w.revenueChangePerYear,
        crosses_four_stars: w.crossesFourStars,
      })
    );
    const scores = new Map(states.flatMap((s) => (s.score !== undefined ? [[s.key, s.score] as const] : [])));
    const x = forecastFeatures({ scores, stars: result.stars, ratings: rt }, featureCtx);
    const fc = x ? forecaster.predict(x) : null;
    forecastRows.push({
      contract_id: contractId,
      star_year: STAR_YEAR + 1,
      current_overall: rt.overall.stars,
      forecast_overall: fc?.point,
      forecast_low: fc?.low,
      forecast_high: fc?.high,
      interval_coverage: fc ? forecaster.metrics.interval.target : null,
      p_at_least_four: fc?.pAtLeastFour,
      forecast_value: fc?.value,
    });
    const rating = paymentRating(highest);
    const up = highest === null ? null : Math.min(5, highest + 0.5);
    const down = highest === null ? null : Math.max(1, highest - 0.5);
    const now = contractRevenue(rating, money);
    const revenueAt = (r: number | null) => (r === null ? null : contractRevenue(r, money).revenuePerYear);
    moneyRows.push({
      contract_id: contractId,
      star_year: STAR_YEAR,
      rating: highest,
      qbp_eligible: highest !== null && highest >= 4,
      bonus_pct: now.bonusPct,
      rebate_share: now.rebateShare,
      benchmark_pmpm: money.benchmarkPmpm,
      bid_pmpm: money.bidPmpm,
      members: money.members,
      double_bonus_county_share: money.doubleBonusShare,
      revenue_per_year: now.revenuePerYear,
      rating_up: up,
      revenue_up_per_year: revenueAt(up),
      change_up_per_year: up === null ? null : revenueAt(up)! - now.revenuePerYear,
      rating_down: down,
      revenue_down_per_year: revenueAt(down),
      change_down_per_year: down === null ? null : revenueAt(down)! - now.revenuePerYear,
    });
  }
  const d = "double", i = "integer", v = "varchar", b = "boolean";
  await createAndAppend(db, "contract_measure_stars", [
    ["contract_id", v],
    ["measurement_year", i],
    ["star_year", i],
    ["measure_key", v],
    ["measure_id", v],
    ["part", v],
    ["source", v],
    ["denominator", d],
    ["numerator", d],
    ["score", d],
    ["star", i],
    ["cut_2", d],
    ["cut_3", d],
    ["cut_4", d],
    ["cut_5", d],
    ["weight", i],
    ["direction", v],
    ["members_to_next_star", i],
  ], measureRows);
  await createAndAppend(db, "contract_star_ratings", [
    ["contract_id", v],
    ["measurement_year", i],
    ["star_year", i],
    ["part_c_summary", d],
    ["part_d_summary", d],
    ["overall", d],
    ["highest_rating", d],
    ["part_c_mean", d],
    ["part_d_mean", d],
    ["overall_mean", d],
    ["overall_variance", d],
    ["part_c_reward_factor", d],
    ["part_d_reward_factor", d],
    ["overall_reward_factor", d],
    ["cai", d],
    ["with_improvement", b],
    ["overall_value", d],
    ["at_least_four", b],
  ], ratingRows);
  await createAndAppend(db, "weak_measures", [
    ["contract_id", v],
    ["rank", i],
    ["measure_key", v],
    ["measure_id", v],
    ["weight", i],
    ["star", i],
    ["star_after", i],
    ["members_to_next_star", i],
    ["stars_at_stake_per_100", d],
    ["rating_before", d],
    ["rating_after", d],
    ["value_before", d],
    ["value_after", d],
    ["revenue_change_per_year", d],
    ["crosses_four_stars", b],
  ], weakRows);
  await createAndAppend(db, "star_forecast", [
    ["contract_id", v],
    ["star_year", i],
    ["current_overall", d],
    ["forecast_overall", d],
    ["forecast_low", d],
    ["forecast_high", d],
    ["interval_coverage", d],
    ["p_at_least_four", d],
    ["forecast_value", d],
  ], forecastRows);
  await createAndAppend(db, "star_money", [
    ["contract_id", v],
    ["star_year", i],
    ["rating", d],
    ["qbp_eligible", b],
    ["bonus_pct", d],
    ["rebate_share", d],
    ["benchmark_pmpm", d],
    ["bid_pmpm", d],
    ["members", d],
    ["double_bonus_county_share", d],
    ["revenue_per_year", d],
    ["rating_up", d],
    ["revenue_up_per_year", d],
    ["change_up_per_year", d],
    ["rating_down", d],
    ["revenue_down_per_year", d],
    ["change_down_per_year", d],
  ], moneyRows);
  return {
    measurementYear,
    contracts: byContract.size,
    tables: [
      "contract_measure_stars",
      "contract_star_ratings",
      "weak_measures",
      "star_forecast",
      "star_money",
    ],
    forecastMetrics: forecaster.metrics,
  };
}
