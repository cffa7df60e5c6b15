import { fitLogisticRegression, predictProbability } from "../logistic/logistic_regression.ts";
import { logLoss } from "../metrics/log_loss.ts";
import { isLabelled, type LabelledRow, trainingRows } from "./training_window.ts";

/** Options for {@linkcode selectC}. */
export interface SelectCOptions {
  /** Candidate values of C (default 0.01, 0.1, 1, 10). */
  grid?: readonly number[];
  /** Inner origins: the last `folds` months of the rows given (default 3). */
  folds?: number;
  tol?: number;
  maxIter?: number;
}

/** The chosen C and each candidate's mean validation log-loss. */
export interface SelectCResult {
  C: number;
  /** Candidates in grid order; `logLoss` null when no fold could be evaluated. */
  scores: { C: number; logLoss: number | null }[];
  /** Inner origins used. */
  folds: string[];
}

/**
 * Chooses the L2 strength by time-series cross-validation inside the rows given, which must be
 * the training window only: each of the last `folds` labelled months o is predicted by a model fitted
 * on months ≤ o − 1 (the same rule as the backtest), and C minimises the log-loss pooled over the
 * folds. Ties go to the smaller C (stronger penalty). A fold whose training part has one class only
 * is left out; with no usable fold the result is C = 1.
 */
export function selectC(rows: readonly LabelledRow[], options: SelectCOptions = {}): SelectCResult {
  const grid = options.grid ?? [0.01, 0.1, 1, 10];
  if (grid.length === 0 || grid.some((c) => !(c > 0))) {
    throw new Error(`Cannot select C: the grid must hold positive numbers (got ${JSON.stringify(grid)})`);
  }
  const months = [...new Set(rows.filter(isLabelled).map((r) => r.yearMonth))].sort();
  const candidates = months.slice(Math.max(1, months.length - (options.folds ?? 3)));
  const folds = candidates.filter((o) =>
    new Set(trainingRows(rows, o).map((r) => r.highRiskNext)).size === 2
  );
  const y: number[] = [];
  const p: number[][] = grid.map(() => []);
  for (const origin of folds) {
    const train = trainingRows(rows, origin);
    const test = rows.filter((r) => r.yearMonth === origin);
    y.push(...test.map((r) => r.highRiskNext));
    grid.forEach((C, g) => {
      const model = fitLogisticRegression(train.map((r) => r.x), train.map((r) => r.highRiskNext), {
        ...options,
        C,
      });
      p[g]!.push(...predictProbability(model, test.map((r) => r.x)));
    });
  }
  const scores = grid.map((C, g) => ({ C, logLoss: y.length > 0 ? logLoss(y, p[g]!) : null }));
  let best = { C: 1, logLoss: Infinity };
  for (const s of scores) {
    if (s.logLoss !== null && (s.logLoss < best.logLoss || (s.logLoss === best.logLoss && s.C < best.C))) {
      best = { C: s.C, logLoss: s.logLoss };
    }
  }
  return { C: best.C, scores, folds };
}
