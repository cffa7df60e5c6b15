/**
 * Credibility-weighted (empirical-Bayes Poisson–gamma) rates. Each group i has x_i events over
 * exposure E_i (member-months) and a true rate λ_i ~ Gamma with mean m and variance τ². The
 * posterior mean is
 *
 *   λ̂_i = (x_i + k·m) / (E_i + k) = Z_i·(x_i/E_i) + (1 − Z_i)·m,   Z_i = E_i / (E_i + k),  k = m/τ²
 *
 * (the Bühlmann credibility formula with the Poisson process variance m). The book mean and the
 * between-group variance are estimated from the groups by the method of moments:
 *
 *   m  = Σx / ΣE
 *   τ² = max(0, [Σ E_i (r_i − m)² − (n − 1)·m] / [ΣE − ΣE²/ΣE]),   r_i = x_i/E_i
 *
 * When τ² = 0 the groups differ no more than Poisson noise explains: k = ∞ and every Z = 0.
 */

/** Events and exposure of one group. */
export interface Exposed {
  events: number;
  exposure: number;
}

/** The book-level prior estimated from a set of groups. */
export interface CredibilityPrior {
  /** Book mean rate m (events per unit exposure). */
  mean: number;
  /** Between-group variance τ² of the true rates. */
  tau2: number;
  /** k = m/τ² (Infinity when τ² = 0): the exposure at which Z = 1/2. */
  k: number;
}

/**
 * Estimates m, τ² and k from groups with positive exposure (groups without exposure are ignored).
 *
 * @example
 * ```ts
 * estimatePrior([{ events: 2, exposure: 10 }, { events: 10, exposure: 10 }]);
 * // m = 0.6; Σ E(r − m)² = 10·0.16 + 10·0.16 = 3.2; (n − 1)m = 0.6; ΣE − ΣE²/ΣE = 20 − 10 = 10
 * // τ² = 0.26, k = 0.6/0.26 = 2.3077
 * ```
 */
export function estimatePrior(groups: readonly Exposed[]): CredibilityPrior {
  const used = groups.filter((g) => g.exposure > 0);
  for (const g of used) {
    if (!(g.events >= 0)) throw new RangeError(`Cannot weight rates: events must be ≥ 0 (got ${g.events})`);
  }
  const totalE = used.reduce((s, g) => s + g.exposure, 0);
  const totalX = used.reduce((s, g) => s + g.events, 0);
  if (!(totalE > 0)) return { mean: 0, tau2: 0, k: Infinity };
  const mean = totalX / totalE;
  const n = used.length;
  const spread = used.reduce((s, g) => s + g.exposure * (g.events / g.exposure - mean) ** 2, 0);
  const denom = totalE - used.reduce((s, g) => s + g.exposure ** 2, 0) / totalE;
  const tau2 = denom > 0 ? Math.max(0, (spread - (n - 1) * mean) / denom) : 0;
  return { mean, tau2, k: tau2 > 0 ? mean / tau2 : Infinity };
}

/** Credibility Z = E/(E + k), 0 when k is infinite. */
export function credibility(exposure: number, k: number): number {
  if (!Number.isFinite(k)) return 0;
  return exposure / (exposure + k);
}

/**
 * The credibility-weighted rate Z·(x/E) + (1 − Z)·m = (x + k·m)/(E + k); m when E = 0.
 *
 * @example
 * ```ts
 * shrunkRate({ events: 3, exposure: 40 }, { mean: 0.0125, tau2: 0.0001, k: 125 });
 * // (3 + 125·0.0125)/(40 + 125) = 4.5625/165 = 0.027652
 * ```
 */
export function shrunkRate(group: Exposed, prior: CredibilityPrior): number {
  const z = credibility(group.exposure, prior.k);
  const raw = group.exposure > 0 ? group.events / group.exposure : prior.mean;
  return z * raw + (1 - z) * prior.mean;
}

/** Moment sums of one cross-section for {@linkcode pooledPrior}. */
export interface DispersionMoments {
  /** [Σ E_i (r_i − m)² − (n − 1)·m] / m² */
  excess: number;
  /** ΣE − ΣE²/ΣE */
  spread: number;
}

/**
 * The moment sums of one set of groups (one month's cross-section), scaled by m² so that sections
 * with different book rates (seasons) can be pooled. Empty or zero-rate sections give zeros.
 */
export function dispersionMoments(groups: readonly Exposed[]): DispersionMoments {
  const used = groups.filter((g) => g.exposure > 0);
  const totalE = used.reduce((s, g) => s + g.exposure, 0);
  const totalX = used.reduce((s, g) => s + g.events, 0);
  if (!(totalE > 0) || !(totalX > 0)) return { excess: 0, spread: 0 };
  const m = totalX / totalE;
  const ss = used.reduce((s, g) => s + g.exposure * (g.events / g.exposure - m) ** 2, 0);
  return {
    excess: (ss - (used.length - 1) * m) / (m * m),
    spread: totalE - used.reduce((s, g) => s + g.exposure ** 2, 0) / totalE,
  };
}

/**
 * A prior whose between-group spread is pooled over several cross-sections (e.g. every month up
 * to the scored one) as a squared coefficient of variation, with the mean of the current one:
 *
 *   c² = max(0, Σ_s excess_s / Σ_s spread_s),   τ² = c²·m²,   k = m/τ² = 1/(c²·m)
 *
 * One month's τ² is noisy (it is often 0, which would shrink every company to the book); pooling
 * the relative spread keeps the weights stable while the book rate follows the season.
 *
 * @example
 * ```ts
 * // two sections each with excess 2 and spread 10 → c² = 0.2; current mean 0.5 → τ² = 0.05, k = 10
 * pooledPrior(0.5, [{ excess: 2, spread: 10 }, { excess: 2, spread: 10 }]);
 * ```
 */
export function pooledPrior(mean: number, sections: readonly DispersionMoments[]): CredibilityPrior {
  const excess = sections.reduce((s, d) => s + d.excess, 0);
  const spread = sections.reduce((s, d) => s + d.spread, 0);
  const c2 = spread > 0 ? Math.max(0, excess / spread) : 0;
  const tau2 = c2 * mean * mean;
  return { mean, tau2, k: tau2 > 0 ? mean / tau2 : Infinity };
}
