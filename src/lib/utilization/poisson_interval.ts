/**
 * Exact (Garwood) confidence intervals for a Poisson rate: with x events over exposure E,
 *
 *   lower = G⁻¹(α/2; x) / E        (0 when x = 0)
 *   upper = G⁻¹(1 − α/2; x + 1) / E
 *
 * where G⁻¹(p; a) is the quantile of the Gamma(shape a, scale 1) distribution, which equals
 * χ²(p; 2a)/2 (Garwood 1936). The interval is conservative: coverage is at least 1 − α.
 */

/** ln Γ(a) by the Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for a > 0. */
export function logGamma(a: number): number {
  const c = [
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const z = a - 1;
  let x = c[0]!;
  for (let i = 1; i < 9; i++) x += c[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(x);
}

/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a): the Gamma(a, 1) CDF at x. Series for
 * x < a + 1, Lentz continued fraction otherwise.
 */
export function gammaCdf(x: number, a: number): number {
  if (!(a > 0)) throw new RangeError(`Cannot evaluate the gamma CDF: shape must be > 0 (got ${a})`);
  if (x <= 0) return 0;
  const lead = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return Math.exp(lead) * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(lead) * h;
}

/**
 * The p-quantile of Gamma(shape a, scale 1): Newton steps on {@linkcode gammaCdf} inside a
 * bisection bracket (a step that leaves the bracket is replaced by bisection), to a relative
 * precision of about 1e-12.
 */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`Cannot take a gamma quantile: p must be in (0, 1) (got ${p})`);
  let lo = 0;
  let hi = Math.max(1, a);
  while (gammaCdf(hi, a) < p) {
    lo = hi;
    hi *= 2;
  }
  const logNorm = logGamma(a);
  let x = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = gammaCdf(x, a) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) - x - logNorm);
    const newton = density > 0 ? x - f / density : NaN;
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-13 * Math.max(1, x) || hi - lo <= 1e-12 * Math.max(1, x)) return next;
    x = next;
  }
  return x;
}

/** A rate interval. */
export interface RateInterval {
  lower: number;
  upper: number;
}

/**
 * Garwood exact interval for the rate x/E, multiplied by `per` (e.g. 12,000 for events per 1,000
 * member-years when E is in member-months).
 *
 * @example
 * ```ts
 * // 0 events in 12,000 member-months: upper = 3.689 per 1,000 member-years (the "rule of three" ≈ 3.69)
 * garwoodInterval(0, 12_000, { per: 12_000 }); // { lower: 0, upper: 3.6889 }
 * ```
 */
export function garwoodInterval(
  events: number,
  exposure: number,
  options: { level?: number; per?: number } = {},
): RateInterval {
  const { level = 0.95, per = 1 } = options;
  if (!(events >= 0) || !Number.isFinite(events)) {
    throw new RangeError(`Cannot compute a Poisson interval: events must be ≥ 0 (got ${events})`);
  }
  if (!(exposure > 0)) {
    throw new RangeError(`Cannot compute a Poisson interval: exposure must be > 0 (got ${exposure})`);
  }
  const alpha = 1 - level;
  const lower = events === 0 ? 0 : gammaQuantile(alpha / 2, events);
  const upper = gammaQuantile(1 - alpha / 2, events + 1);
  return { lower: (lower / exposure) * per, upper: (upper / exposure) * per };
}
