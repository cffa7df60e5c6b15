/**
 * The IVI, a 0–100 utilization index (higher = healthier), from three components:
 *
 *   U utilization        avoidable ER share of ER visits, avoidable ER per 1,000, avoidable ER paid PMPM
 *   H health burden      chronic conditions per member, admissions per 1,000
 *   E engagement/access  office + telehealth visits per 1,000, ln((office + telehealth) / ER visits)
 *
 * Each metric is first taken relative to the book's member-month weighted mean of the same month
 * (x / book, or x − book for the log ratio; {@linkcode relativeToBook}) so that book-wide seasonality
 * and trend cancel, then z-scored against the book over months ≤ t (`expanding_z.ts`), and becomes a
 * score
 *
 *   s = 100 · Φ(δ − d·z)
 *
 * with d = +1 for "higher is worse" metrics, −1 for "higher is better", and the calibration offset
 * δ = {@linkcode IVI_OFFSET}: a company at the book average scores 100·Φ(δ). A component is the mean
 * of its available metric scores and
 *
 *   IVI = 0.5·U + 0.2·H + 0.3·E      (weights renormalised over components that have a score)
 *
 * Bands: IVI < 55 High risk, 55 ≤ IVI < 70 Medium, IVI ≥ 70 Low. Every IVI decomposes exactly into
 * contributions w_c·C_c (summing to the IVI) and points lost w_c·(100 − C_c) (summing to 100 − IVI).
 */
import { gammaCdf } from "./poisson_interval.js";

/** The three components. */
export type Component = "U" | "H" | "E";

/** Component weights (sum 1). */
export const IVI_WEIGHTS: Readonly<Record<Component, number>> = { U: 0.5, H: 0.2, E: 0.3 };

/** Calibration offset δ: the book-average company scores 100·Φ(δ) on every metric. */
export const IVI_OFFSET = 0.6;

/** Band thresholds: IVI below HIGH is High risk, below MEDIUM Medium, else Low. */
export const BAND_HIGH = 55;
export const BAND_MEDIUM = 70;

/** A scored metric: its component, direction (+1 higher is worse, −1 higher is better) and how it is compared with the book. */
export interface MetricSpec {
  name: string;
  component: Component;
  direction: 1 | -1;
  label: string;
  /** `ratio`: x / book; `difference`: x − book (for metrics already on a log scale). */
  relative: "ratio" | "difference";
}

/** The IVI's metrics (column names of the KPI table). */
export const IVI_METRICS: readonly MetricSpec[] = [
  {
    name: "avoidable_er_share_cred",
    component: "U",
    direction: 1,
    label: "avoidable share of ER visits",
    relative: "ratio",
  },
  {
    name: "avoidable_er_per_1000_cred",
    component: "U",
    direction: 1,
    label: "avoidable ER per 1,000",
    relative: "ratio",
  },
  {
    name: "avoidable_er_paid_pmpm_cred",
    component: "U",
    direction: 1,
    label: "avoidable ER paid PMPM",
    relative: "ratio",
  },
  {
    name: "conditions_per_member",
    component: "H",
    direction: 1,
    label: "chronic conditions per member",
    relative: "ratio",
  },
  {
    name: "admissions_per_1000_cred",
    component: "H",
    direction: 1,
    label: "admissions per 1,000",
    relative: "ratio",
  },
  {
    name: "first_contact_per_1000_cred",
    component: "E",
    direction: -1,
    label: "office + telehealth per 1,000",
    relative: "ratio",
  },
  {
    name: "first_contact_to_er_log",
    component: "E",
    direction: -1,
    label: "ln(office + telehealth / ER)",
    relative: "difference",
  },
];

/**
 * A metric against the book of the same month: x / book (`ratio`; null when the book is not
 * positive) or x − book (`difference`). Null when either is missing.
 *
 * @example
 * ```ts
 * relativeToBook(150, 120, "ratio"); // 1.25
 * relativeToBook(2.5, 3.0, "difference"); // -0.5
 * ```
 */
export function relativeToBook(
  x: number | null,
  book: number | null,
  relative: "ratio" | "difference",
): number | null {
  if (x === null || book === null || !Number.isFinite(x) || !Number.isFinite(book)) return null;
  if (relative === "difference") return x - book;
  return book > 0 ? x / book : null;
}

/** Standard normal CDF Φ(z) = ½(1 + erf(z/√2)), with erf(x) = P(½, x²). */
export function normalCdf(z: number): number {
  if (z === 0) return 0.5;
  const p = gammaCdf((z * z) / 2, 0.5);
  return z > 0 ? 0.5 + p / 2 : 0.5 - p / 2;
}

/** s = 100·Φ(δ − d·z). */
export function metricScore(z: number, direction: 1 | -1, offset = IVI_OFFSET): number {
  return 100 * normalCdf(offset - direction * z);
}

/** The risk band of an IVI. */
export type RiskBand = "High" | "Medium" | "Low";

/** High below 55, Medium below 70, else Low. */
export function riskBand(ivi: number): RiskBand {
  if (!Number.isFinite(ivi)) throw new RangeError(`Cannot band an IVI that is not a number (got ${ivi})`);
  return ivi < BAND_HIGH ? "High" : ivi < BAND_MEDIUM ? "Medium" : "Low";
}

/** A scored company-month. */
export interface IviScore {
  ivi: number;
  band: RiskBand;
  /** Component scores 0–100 (null when none of its metrics is available). */
  components: Record<Component, number | null>;
  /** w_c·C_c with renormalised weights; sums to `ivi`. */
  contributions: Record<Component, number>;
  /** Per-metric scores. */
  metrics: Record<string, number | null>;
}

/**
 * Scores one company-month from its metric z-scores (keyed by metric name; null/absent = missing).
 *
 * @example
 * ```ts
 * // every z = 0: each metric scores 100·Φ(0.6) = 72.575, so U = H = E = IVI = 72.575 (Low)
 * scoreIvi(Object.fromEntries(IVI_METRICS.map((m) => [m.name, 0])));
 * ```
 */
export function scoreIvi(
  z: Readonly<Record<string, number | null | undefined>>,
  options: { offset?: number } = {},
): IviScore {
  const metrics: Record<string, number | null> = {};
  const sums: Record<Component, { s: number; n: number }> = {
    U: { s: 0, n: 0 },
    H: { s: 0, n: 0 },
    E: { s: 0, n: 0 },
  };
  for (const m of IVI_METRICS) {
    const zz = z[m.name];
    if (zz === null || zz === undefined) {
      metrics[m.name] = null;
      continue;
    }
    const s = metricScore(zz, m.direction, options.offset);
    metrics[m.name] = s;
    sums[m.component].s += s;
    sums[m.component].n += 1;
  }
  const components = {} as Record<Component, number | null>;
  let weight = 0;
  for (const c of ["U", "H", "E"] as const) {
    components[c] = sums[c].n > 0 ? sums[c].s / sums[c].n : null;
    if (components[c] !== null) weight += IVI_WEIGHTS[c];
  }
  if (weight === 0) throw new RangeError("Cannot score an IVI: no metric has a value");
  const contributions = {} as Record<Component, number>;
  let ivi = 0;
  for (const c of ["U", "H", "E"] as const) {
    contributions[c] = components[c] === null ? 0 : (IVI_WEIGHTS[c] / weight) * components[c]!;
    ivi += contributions[c];
  }
  return { ivi, band: riskBand(ivi), components, contributions, metrics };
}
