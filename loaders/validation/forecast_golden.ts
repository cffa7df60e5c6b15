/**
 * The star forecast's backtest written by this build (`star_forecast_backtest`) against the committed
 * golden `test/output/star_forecast_backtest.json`: the simulation is seeded, so the two must agree.
 */

/** The golden's shape (the part compared). */
export interface ForecastGolden {
  transitions?: Record<string, number>;
  model: Record<string, number>;
  baseline: Record<string, number>;
}

/** A row of `star_forecast_backtest`. */
export interface BacktestRow {
  model: string;
  metric: string;
  value: number;
}

/**
 * Largest |build − golden| over the golden's model and baseline metrics, and how many were found
 * in the build; a metric the build lacks counts as missing.
 *
 * @example
 * ```ts
 * const a = forecastGoldenAgreement(
 *   { model: { mae: 0.3 }, baseline: { mae: 0.31 } },
 *   [{ model: "forecast", metric: "mae", value: 0.3 }],
 * );
 * // a = { compared: 1, missing: 1, maxDiff: 0 }
 * ```
 */
export function forecastGoldenAgreement(
  golden: ForecastGolden,
  rows: readonly BacktestRow[],
): { compared: number; missing: number; maxDiff: number } {
  let compared = 0, missing = 0, maxDiff = 0;
  const pairs = [
    ...Object.entries(golden.model).map(([m, v]) => ["forecast", m, v] as const),
    ...Object.entries(golden.baseline).map(([m, v]) => ["same_rating", m, v] as const),
  ];
  for (const [model, metric, value] of pairs) {
    const row = rows.find((r) => r.model === model && r.metric === metric);
    if (!row) {
      missing++;
      continue;
    }
    compared++;
    maxDiff = Math.max(maxDiff, Math.abs(row.value - value));
  }
  return { compared, missing, maxDiff };
}
