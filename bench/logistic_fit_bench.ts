/**
 * Fitting the next-month risk model's logistic regression (standardisation + Newton–Raphson with
 * L2, tol 1e-10) on 10,000 rows × 20 features, and the rolling-origin backtest's six refits.
 */
import { fitLogisticRegression } from "../models/logistic/logistic_regression.ts";
import { rollingOriginBacktest } from "../models/next_month_risk/backtest.ts";
import type { FeatureRow } from "../models/next_month_risk/feature_rows.ts";
import { addMonths } from "../models/next_month_risk/year_month.ts";

const N = 10_000, P = 20;
let state = 20261;
const u = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const beta = Array.from({ length: P }, (_, j) => (j < 5 ? 0.8 - 0.3 * j : 0));
const x = Array.from({ length: N }, () => Array.from({ length: P }, (_, j) => (u() - 0.5) * (1 + j)));
const y = x.map((row) => {
  const z = -2 + row.reduce((s, v, j) => s + beta[j]! * v / (1 + j), 0);
  return u() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
});

const check = fitLogisticRegression(x, y);
if (!check.converged) throw new Error("benchmark fit did not converge");
console.error(
  `10k × 20 fit: ${check.iterations} Newton iterations, max |gradient|/n ${
    check.gradientMax.toExponential(2)
  }`,
);

Deno.bench("logistic regression fit, 10,000 × 20 (C = 1, tol 1e-10)", { group: "logistic" }, () => {
  fitLogisticRegression(x, y);
});

// 500 companies × 20 months = 10,000 company-months; the backtest refits at each of 6 origins.
const rows: FeatureRow[] = x.map((row, i) => ({
  companyId: `C${i % 500}`,
  yearMonth: addMonths("2024-01", Math.floor(i / 500)),
  memberMonths: 100,
  x: row,
  highRiskNow: 0,
  highRiskNext: i >= N - 500 ? null : (y[i] as 0 | 1),
}));
Deno.bench("rolling-origin backtest, 500 companies × 20 months × 20 features, 6 origins", {
  group: "logistic",
}, () => {
  rollingOriginBacktest(rows, { origins: 6 });
});
