import type { FeatureRow } from "./feature_rows.ts";
import { addMonths } from "./year_month.ts";

/** A labelled row with complete features. */
export type LabelledRow = FeatureRow & { x: number[]; highRiskNext: 0 | 1 };

/** True when the row has complete features and a known next-month label. */
export function isLabelled(row: FeatureRow): row is LabelledRow {
  return row.x !== null && row.highRiskNext !== null;
}

/**
 * Rows a model may learn from when predicting at the close of month `origin`. A row for month t
 * carries the label "High risk in t + 1", which is known only once t + 1 has closed; at the close
 * of `origin` that holds for t + 1 ≤ origin, i.e. t ≤ origin − 1. Rows of `origin` itself (whose
 * label is month origin + 1, the future) are never included.
 *
 * @example
 * ```ts
 * import { trainingRows } from "./training_window.ts";
 * // With rows for 2025-01 … 2025-06, origin 2025-06 trains on 2025-01 … 2025-05.
 * ```
 */
export function trainingRows(rows: readonly FeatureRow[], origin: string): LabelledRow[] {
  const last = addMonths(origin, -1);
  return rows.filter((r): r is LabelledRow => r.yearMonth <= last && isLabelled(r));
}

/**
 * Rows predicted at the close of `origin`: that month's company rows with complete features
 * (their label, High risk in origin + 1, is the outcome scored in a backtest).
 */
export function originRows(rows: readonly FeatureRow[], origin: string): FeatureRow[] {
  return rows.filter((r) => r.yearMonth === origin && r.x !== null);
}
