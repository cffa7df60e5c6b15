/**
 * Expanding-window z-scores with no look-ahead. For an observation in month t,
 *
 *   z = (x − μ_t) / σ_t,   μ_t = Σ w·x / Σ w,   σ_t² = Σ w·(x − μ_t)² / Σ w
 *
 * where the sums run over every observation of the book in months ≤ t (weights w = exposure), so a
 * later month never changes an earlier score. z is clipped to [−3, 3]; when σ_t = 0 it is 0.
 */

/** One observation: its month (sortable, e.g. `YYYY-MM`), value (null = missing) and weight. */
export interface Observation {
  month: string;
  value: number | null;
  weight: number;
}

/** Clip bound for z-scores. */
export const Z_CLIP = 3;

/**
 * z-scores of `rows` in input order (null where the value is null).
 *
 * @example
 * ```ts
 * expandingZ([
 *   { month: "2024-01", value: 1, weight: 1 },
 *   { month: "2024-01", value: 3, weight: 1 }, // month 1: μ = 2, σ = 1 → z = −1, +1
 *   { month: "2024-02", value: 2, weight: 2 }, // months ≤ 2: μ = 2, σ² = (1 + 1 + 0)/4 → z = 0
 * ]); // [-1, 1, 0]
 * ```
 */
export function expandingZ(rows: readonly Observation[]): (number | null)[] {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const stats = new Map<string, { mean: number; sd: number }>();
  let sw = 0;
  let swx = 0;
  let swxx = 0;
  const byMonth = Map.groupBy(rows, (r) => r.month);
  for (const month of months) {
    for (const r of byMonth.get(month) ?? []) {
      if (r.value === null || !Number.isFinite(r.value) || !(r.weight > 0)) continue;
      sw += r.weight;
      swx += r.weight * r.value;
      swxx += r.weight * r.value * r.value;
    }
    const mean = sw > 0 ? swx / sw : 0;
    const variance = sw > 0 ? Math.max(0, swxx / sw - mean * mean) : 0;
    stats.set(month, { mean, sd: Math.sqrt(variance) });
  }
  return rows.map((r) => {
    if (r.value === null || !Number.isFinite(r.value)) return null;
    const { mean, sd } = stats.get(r.month)!;
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) return 0;
    return Math.max(-Z_CLIP, Math.min(Z_CLIP, (r.value - mean) / sd));
  });
}
