import { choleskySolve } from "../linalg/cholesky_solve.ts";
import { sigmoid, softplus } from "./sigmoid.ts";

/** Options for {@linkcode fitLogistic}. */
export interface FitLogisticOptions {
  /**
   * Inverse regularisation strength, scikit-learn's `C` (default 1): the fit minimises
   * Σᵢ ℓᵢ + ‖β‖² / (2C), where the intercept is not penalised.
   */
  C?: number;
  /** Converged when max |∇F| / n ≤ tol (default 1e-10), F the penalised objective. */
  tol?: number;
  /** Newton iterations at most (default 100); a fit that hits the cap reports `converged: false`. */
  maxIter?: number;
}

/** A fitted logistic regression on the columns it was given. */
export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  converged: boolean;
  iterations: number;
  /** max |∇F| / n at the returned coefficients. */
  gradientMax: number;
  /** Penalised objective F at the returned coefficients. */
  objective: number;
}

/**
 * Fits P(y = 1 | x) = σ(β₀ + xᵀβ) with an L2 penalty by Newton–Raphson (iteratively reweighted
 * least squares) with a backtracking (Armijo) line search. The objective is scikit-learn's
 * `LogisticRegression(penalty="l2", C)`:
 *
 *   F(β₀, β) = Σᵢ [log(1 + e^{zᵢ}) − yᵢ zᵢ] + ‖β‖² / (2C),   zᵢ = β₀ + xᵢᵀβ
 *
 * (scikit-learn states it as C·Σᵢ ℓᵢ + ½‖β‖², which has the same minimiser; the mean-loss form
 * is Σᵢ ℓᵢ / n + λ‖β‖²/2 with λ = 1 / (C·n)). Gradient ∇F = X̃ᵀ(p − y) + (0, β)/C, Hessian
 * H = X̃ᵀ diag(p(1 − p)) X̃ + diag(0, 1, …, 1)/C with X̃ = [1 X]. Stops when max |∇F| / n ≤ tol.
 *
 * @example
 * ```ts
 * import { fitLogistic } from "./fit_logistic.ts";
 * const fit = fitLogistic([[0], [1], [2], [3]], [0, 1, 0, 1], { C: 1 });
 * fit.converged; // true
 * ```
 * @throws if shapes disagree, a label is not 0/1, a value is not finite, both classes are not
 *   present, or C is not a positive number.
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: FitLogisticOptions = {},
): LogisticFit {
  const C = options.C ?? 1;
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 100;
  const n = x.length;
  if (!(C > 0) || !Number.isFinite(C)) {
    throw new Error(`Cannot fit logistic regression: C must be > 0 (got ${C})`);
  }
  if (y.length !== n) throw new Error(`Cannot fit logistic regression: ${n} rows but ${y.length} labels`);
  if (n === 0) throw new Error("Cannot fit logistic regression: no rows");
  const p = x[0]!.length;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const row = x[i]!;
    if (row.length !== p) {
      throw new Error(`Cannot fit logistic regression: row ${i} has ${row.length} features, expected ${p}`);
    }
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(row[j]!)) {
        throw new Error(`Cannot fit logistic regression: row ${i} column ${j} is not finite (${row[j]})`);
      }
    }
    if (y[i] !== 0 && y[i] !== 1) {
      throw new Error(`Cannot fit logistic regression: label of row ${i} is ${y[i]}, expected 0 or 1`);
    }
    positives += y[i]!;
  }
  if (positives === 0 || positives === n) {
    throw new Error(`Cannot fit logistic regression: labels are all ${y[0]}; both classes are needed`);
  }

  const k = p + 1;
  // Design matrix [1 X] row-major in one typed array: the Hessian loop is the fit's hot spot.
  const design = new Float64Array(n * k);
  const labels = Float64Array.from(y);
  for (let i = 0; i < n; i++) {
    design[i * k] = 1;
    for (let j = 0; j < p; j++) design[i * k + j + 1] = x[i]![j]!;
  }
  const beta = new Array<number>(k).fill(0);
  beta[0] = Math.log(positives / (n - positives));
  const linear = (b: readonly number[], i: number): number => {
    let z = 0;
    for (let j = 0, o = i * k; j < k; j++) z += design[o + j]! * b[j]!;
    return z;
  };
  const objective = (b: readonly number[]): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const z = linear(b, i);
      f += softplus(z) - labels[i]! * z;
    }
    let penalty = 0;
    for (let j = 1; j < k; j++) penalty += b[j]! ** 2;
    return f + penalty / (2 * C);
  };

  let f = objective(beta);
  let iterations = 0;
  let gradientMax = Infinity;
  let converged = false;
  const g = new Float64Array(k);
  const h = new Float64Array(k * k);
  for (;;) {
    g.fill(0);
    h.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      const mu = sigmoid(linear(beta, i));
      const r = mu - labels[i]!;
      const w = mu * (1 - mu);
      for (let a = 0; a < k; a++) {
        const xa = design[o + a]!;
        g[a]! += r * xa;
        const wa = w * xa;
        const row = a * k;
        for (let b = 0; b <= a; b++) h[row + b]! += wa * design[o + b]!;
      }
    }
    const grad = Array.from(g);
    for (let j = 1; j < k; j++) {
      grad[j]! += beta[j]! / C;
      h[j * k + j]! += 1 / C;
    }
    const hess = Array.from(
      { length: k },
      (_, a) => Array.from({ length: k }, (_, b) => (b <= a ? h[a * k + b]! : h[b * k + a]!)),
    );
    gradientMax = Math.max(...grad.map(Math.abs)) / n;
    if (gradientMax <= tol) {
      converged = true;
      break;
    }
    if (iterations >= maxIter) break;
    iterations++;
    const step = choleskySolve(hess, grad.map((g) => -g));
    const slope = step.reduce((s, d, j) => s + d * grad[j]!, 0);
    let t = 1;
    let next = beta.map((b, j) => b + t * step[j]!);
    let fNext = objective(next);
    // Near the optimum the predicted decrease −slope/2 falls below the rounding error of F (a sum
    // of n terms), where comparing objectives says nothing: take the full Newton step there.
    // Elsewhere backtrack until the Armijo condition holds.
    if (-slope / 2 > 1e-12 * (1 + Math.abs(f))) {
      while (fNext > f + 1e-4 * t * slope && t > 1e-10) {
        t /= 2;
        next = beta.map((b, j) => b + t * step[j]!);
        fNext = objective(next);
      }
      if (fNext > f) break; // no descent along the Newton direction: keep the current point.
    }
    for (let j = 0; j < k; j++) beta[j] = next[j]!;
    f = fNext;
  }
  return {
    intercept: beta[0]!,
    coefficients: beta.slice(1),
    converged,
    iterations,
    gradientMax,
    objective: f,
  };
}
