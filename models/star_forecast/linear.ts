/**
 * Ordinary least squares with a small ridge: β = (XᵀX + λ·I₀)⁻¹ Xᵀy on standardised features with an
 * intercept (λ = 1e-6, the intercept unpenalised), solved by Gaussian elimination with partial pivoting.
 */

/** A fitted linear model. */
export interface LinearModel {
  predict(x: readonly number[]): number;
  /** Coefficients on the original feature scale, intercept first. */
  coefficients: number[];
}

/**
 * Fits y ≈ b₀ + Σ bⱼ xⱼ. Constant columns get coefficient 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const m = fitLinear([[0], [1], [2], [3]], [1, 3, 5, 7]); // y = 1 + 2x
 * assert.ok(Math.abs(m.predict([10]) - 21) < 1e-4);
 * ```
 */
export function fitLinear(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  lambda = 1e-6,
): LinearModel {
  const n = xs.length;
  const p = xs[0]?.length ?? 0;
  if (n === 0 || n !== ys.length) {
    throw new Error(`fitLinear: need as many rows as targets (${n}, ${ys.length})`);
  }
  const mean = Array.from({ length: p }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / n);
  const sd = mean.map((m, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - m) ** 2, 0) / n) || 0);
  const z = (x: readonly number[]) => [1, ...x.map((v, j) => (sd[j]! > 0 ? (v - mean[j]!) / sd[j]! : 0))];
  const k = p + 1;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  xs.forEach((x, i) => {
    const row = z(x);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) a[r]![c]! += row[r]! * row[c]!;
      a[r]![k]! += row[r]! * ys[i]!;
    }
  });
  for (let j = 1; j < k; j++) a[j]![j]! += lambda * n + (sd[j - 1] === 0 ? 1 : 0);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / a[col]![col]!;
      for (let c = col; c <= k; c++) a[r]![c]! -= f * a[col]![c]!;
    }
  }
  const beta = a.map((row, i) => row[k]! / row[i]!);
  const coefficients = [
    beta[0]! - mean.reduce((s, m, j) => s + (sd[j]! > 0 ? (beta[j + 1]! * m) / sd[j]! : 0), 0),
    ...sd.map((s, j) => (s > 0 ? beta[j + 1]! / s : 0)),
  ];
  return {
    predict: (x) => coefficients[0]! + x.reduce((s, v, j) => s + coefficients[j + 1]! * v, 0),
    coefficients,
  };
}
