/** How the pipeline runs the next-month risk step on the utilization feature table. */
import type { NextMonthRiskOptions } from "./step.ts";

/** Numeric columns of `company_month_features` that are not model features, each with the reason. */
export const EXCLUDED_FEATURES: ReadonlyArray<readonly [string, string]> = [
  [
    "er_admitted_share",
    "null in every month without an ER visit (most months of small companies), so as a feature it would " +
    "drop those companies from training, the backtest and the ranking; admissions_per_1000_cred carries " +
    "the admissions signal",
  ],
  [
    "month_of_year",
    "a linear 1–12 code puts December and January at opposite ends; respiratory_season carries the " +
    "season, and the IVI is already relative to the book of the month",
  ],
];

/**
 * Labelled rows above which C is fixed at 1 instead of searched: about twice the default
 * synthetic payer (≈ 5,800 labelled rows, whose search and backtest take ≈ 5 s of CPU).
 */
export const SEARCH_MAX_ROWS = 12_000;

/** Options the pipeline passes to `buildNextMonthRisk`. */
export const PIPELINE_RISK_OPTIONS: NextMonthRiskOptions = {
  exclude: EXCLUDED_FEATURES.map(([column]) => column),
  searchMaxRows: SEARCH_MAX_ROWS,
};
