/**
 * Simulated multi-year national Star Ratings histories, seeded from CMS's real 2026 Measure Data.
 *
 * Each measure m has a national mean μₘ,ₜ that drifts by δₘ,ₜ ~ N(0, (drift · σₘ)²) a year. A contract's score
 * keeps the year-to-year correlation ρₘ CMS publishes (Technical Notes 2026, Attachment I, Tables I-1/I-2):
 * sₜ = μₜ + ρ · (sₜ₋₁ − μₜ₋₁) + √(1 − ρ²) · σ · ε, clamped to the scale, where ε = √c · ±f + √(1 − c) · e is
 * N(0, 1) with a contract-wide shock f shared by all its measures (sign flipped for lower-is-better ones) and a
 * measure's own e. Cut points follow the
 * national mean — tₜ = tₜ₋₁ + δ + η, η ~ N(0, (cutNoise · σ)²) for the noise of re-clustering — and are then held
 * inside the guardrail bounds around last year's thresholds ({@link projectCutPointBounds}; ±5 points on 0–100
 * scales, 5% of last year's Tukey-trimmed range otherwise, none for CAHPS, improvement and new measures) and
 * rounded to display precision. Stars follow from the scores, ratings from the engine with the 2026 rules.
 */
import type { Catalogue, Measure } from "../../src/lib/stars/catalogue.ts";
import { guardrailCap, projectCutPointBounds } from "../../src/lib/stars/cut_points_guardrails.ts";
import { type CutPoints, starFromScore, type Thresholds } from "../../src/lib/stars/measure_stars.ts";
import { roundHalfUp } from "../../src/lib/stars/rounding.ts";
import type { YearRules } from "../../src/lib/stars/rules.ts";
import { type ContractProfile, type ContractRatings, rateContract } from "../../src/lib/stars/summary.ts";
import { tukeyOuterFence } from "../../src/lib/stars/tukey_fence.ts";
import { normal, seededRandom } from "../../src/lib/prng.ts";

/** One contract of the seed year: its profile, scores of measures with cut points, and stars of the others. */
export interface SeedContract {
  profile: ContractProfile;
  scores: ReadonlyMap<string, number>;
  /** Stars that do not follow from a score (kept from year to year). */
  fixedStars: ReadonlyMap<string, number>;
  /** The seed year's published stars of the scored measures (year 0 uses CMS's stars, not recomputed ones). */
  seedStars: ReadonlyMap<string, number>;
}

/** The national picture a simulation starts from. */
export interface NationalSeed {
  catalogue: Catalogue;
  rules: YearRules;
  contracts: readonly SeedContract[];
  /** Cut points (MA-PD scope) of the seed year, by measure key. */
  cutPoints: ReadonlyMap<string, CutPoints>;
  /** Year-to-year correlation of contract scores, by measure key. */
  correlation: ReadonlyMap<string, number>;
}

/** National mean and standard deviation of a measure's scores across the seed contracts. */
export interface MeasureStats {
  mean: number;
  sd: number;
}

/** A contract in one simulated year. */
export interface ContractYear {
  contractId: string;
  scores: Map<string, number>;
  stars: Map<string, number>;
  ratings: ContractRatings;
}

/** One simulated year: national means, cut points and every contract. */
export interface SimulatedYear {
  means: Map<string, number>;
  cutPoints: Map<string, CutPoints>;
  contracts: ContractYear[];
}

/** How {@link simulateHistory} runs. */
export interface SimulationOptions {
  /** Simulated years after the seed year. */
  years: number;
  seed: number;
  /** SD of the yearly national drift, in units of the measure's contract SD (default 0.3). */
  drift?: number;
  /** SD of the re-clustering noise of each threshold, in units of the measure's contract SD (default 0.1). */
  cutNoise?: number;
  /**
   * Share of a contract's yearly score innovations that is common to all its measures (default: the seed's
   * mean pairwise correlation of scores across measures, {@link meanCrossMeasureCorrelation}): a contract-wide
   * quality shock, without which the spread of overall ratings collapses year after year.
   */
  common?: number;
}

/** Mean and SD (n − 1) of each scored measure over the seed contracts. */
export function measureStats(contracts: readonly SeedContract[]): Map<string, MeasureStats> {
  const values = new Map<string, number[]>();
  for (const c of contracts) {
    for (const [key, s] of c.scores) values.set(key, [...(values.get(key) ?? []), s]);
  }
  const out = new Map<string, MeasureStats>();
  for (const [key, xs] of values) {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
    out.set(key, { mean, sd });
  }
  return out;
}

/**
 * Mean over measure pairs (with ≥ 50 contracts scored on both) of the Pearson correlation of contract scores,
 * signed so that "better" agrees (a lower-is-better measure counts with its sign flipped); clamped to [0, 0.99].
 */
export function meanCrossMeasureCorrelation(seed: NationalSeed): number {
  const keys = [...new Set(seed.contracts.flatMap((c) => [...c.scores.keys()]))].sort();
  let sum = 0, count = 0;
  for (let a = 0; a < keys.length; a++) {
    for (let b = a + 1; b < keys.length; b++) {
      const ka = keys[a]!, kb = keys[b]!;
      const pairs = seed.contracts.flatMap((c) =>
        c.scores.has(ka) && c.scores.has(kb) ? [[c.scores.get(ka)!, c.scores.get(kb)!] as const] : []
      );
      if (pairs.length < 50) continue;
      const ma = pairs.reduce((s, p) => s + p[0], 0) / pairs.length;
      const mb = pairs.reduce((s, p) => s + p[1], 0) / pairs.length;
      let sab = 0, saa = 0, sbb = 0;
      for (const [x, y] of pairs) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) ** 2;
        sbb += (y - mb) ** 2;
      }
      if (saa === 0 || sbb === 0) continue;
      const sign = (seed.catalogue.byKey.get(ka)!.direction === seed.catalogue.byKey.get(kb)!.direction)
        ? 1
        : -1;
      sum += (sign * sab) / Math.sqrt(saa * sbb);
      count++;
    }
  }
  return count === 0 ? 0 : Math.min(0.99, Math.max(0, sum / count));
}

/** The natural range of a measure's scale: 0–100 for whole percentages, −1…1 for improvement, ≥ 0 otherwise. */
export function scaleRange(m: Measure): { min: number; max: number } {
  if (m.category === "improvement") return { min: -1, max: 1 };
  return m.precision === 0 ? { min: 0, max: 100 } : { min: 0, max: Infinity };
}

function guardrailed(m: Measure): boolean {
  return m.category !== "improvement" && !m.newMeasure && m.dataSource !== "cahps";
}

function rateYear(
  seed: NationalSeed,
  c: SeedContract,
  scores: Map<string, number>,
  cutPoints: ReadonlyMap<string, CutPoints>,
  useSeedStars: boolean,
): ContractYear {
  const stars = new Map(c.fixedStars);
  for (const [key, score] of scores) {
    const m = seed.catalogue.byKey.get(key)!;
    const published = useSeedStars ? c.seedStars.get(key) : undefined;
    stars.set(key, published ?? starFromScore(score, cutPoints.get(key)!, m.precision));
  }
  return {
    contractId: c.profile.contractId,
    scores,
    stars,
    ratings: rateContract(stars, c.profile, seed.catalogue, seed.rules),
  };
}

/** Next year's thresholds: last year's moved by the national drift and re-clustering noise, within guardrails. */
export function nextCutPoints(
  m: Measure,
  cut: CutPoints,
  shift: number,
  noise: readonly number[],
  lastScores: readonly number[],
): CutPoints {
  const range = scaleRange(m);
  const trimmed = tukeyOuterFence(lastScores, range).kept;
  const cap = m.precision === 0 || trimmed.length === 0 ? guardrailCap({ kind: "percent" }) : guardrailCap({
    kind: "restricted-range",
    priorMin: Math.min(...trimmed),
    priorMax: Math.max(...trimmed),
  });
  const bounds = projectCutPointBounds([...cut.thresholds] as Thresholds, {
    cap,
    range,
    applies: guardrailed(m),
  });
  const moved = cut.thresholds.map((t, i) => {
    const b = bounds[i]!;
    return roundHalfUp(Math.min(b.high, Math.max(b.low, t + shift + noise[i]!)), m.precision);
  });
  // Star bands stay ordered and non-empty: each threshold one display unit past the one below it.
  const unit = 10 ** -m.precision;
  for (let i = 1; i < 4; i++) {
    moved[i] = roundHalfUp(
      cut.direction === "higher"
        ? Math.max(moved[i]!, moved[i - 1]! + unit)
        : Math.min(moved[i]!, moved[i - 1]! - unit),
      m.precision,
    );
  }
  return { direction: cut.direction, thresholds: moved as Thresholds };
}

/**
 * One simulated national history: year 0 is the seed (CMS's published stars), years 1…`years` follow the
 * process in the module comment. Deterministic for a given `seed`.
 */
export function simulateHistory(seed: NationalSeed, options: SimulationOptions): SimulatedYear[] {
  const { years, drift = 0.3, cutNoise = 0.1 } = options;
  const common = options.common ?? meanCrossMeasureCorrelation(seed);
  const random = seededRandom(options.seed);
  const stats = measureStats(seed.contracts);
  const keys = [...stats.keys()].sort();
  let means = new Map(keys.map((k) => [k, stats.get(k)!.mean]));
  let cutPoints = new Map([...seed.cutPoints].filter(([k]) => stats.has(k)));
  let contracts = seed.contracts.map((c) => rateYear(seed, c, new Map(c.scores), cutPoints, true));
  const out: SimulatedYear[] = [{ means, cutPoints, contracts }];
  for (let y = 1; y <= years; y++) {
    const nextMeans = new Map<string, number>();
    const nextCuts = new Map<string, CutPoints>();
    for (const key of keys) {
      const m = seed.catalogue.byKey.get(key)!;
      const { sd } = stats.get(key)!;
      const shift = drift * sd * normal(random);
      nextMeans.set(key, means.get(key)! + shift);
      const noise = [0, 1, 2, 3].map(() => cutNoise * sd * normal(random));
      const last = contracts.flatMap((c) => c.scores.has(key) ? [c.scores.get(key)!] : []);
      nextCuts.set(key, nextCutPoints(m, cutPoints.get(key)!, shift, noise, last));
    }
    contracts = contracts.map((prev, i) => {
      const c = seed.contracts[i]!;
      const shock = normal(random);
      const scores = new Map<string, number>();
      for (const key of keys) {
        const s = prev.scores.get(key);
        if (s === undefined) continue;
        const m = seed.catalogue.byKey.get(key)!;
        const rho = seed.correlation.get(key) ?? 0;
        const { sd } = stats.get(key)!;
        const range = scaleRange(m);
        const sign = m.direction === "higher" ? 1 : -1;
        const innovation = Math.sqrt(common) * sign * shock + Math.sqrt(1 - common) * normal(random);
        const next = nextMeans.get(key)! + rho * (s - means.get(key)!) +
          Math.sqrt(1 - rho * rho) * sd * innovation;
        scores.set(key, Math.min(range.max, Math.max(range.min, next)));
      }
      return rateYear(seed, c, scores, nextCuts, false);
    });
    means = nextMeans;
    cutPoints = nextCuts;
    out.push({ means, cutPoints, contracts });
  }
  return out;
}
