/** Risk tiers a caretaker works from, highest first. */
export const TIERS = ["high", "rising", "moderate", "low"] as const;
export type Tier = typeof TIERS[number];

/** Cut-offs of {@linkcode assignTier}, in percentile points of the scored population. */
export interface TierRule {
  /** High: percentile ≥ this (95 = the top 5%). */
  high: number;
  /** Moderate: percentile ≥ this (75 = the top 25%). */
  moderate: number;
  /** Rising: percentile rose by at least this many points since last quarter … */
  risingJump: number;
  /** … and is at least this. */
  risingFloor: number;
}

/** The rule the pipeline uses. */
export const TIER_RULE: TierRule = { high: 95, moderate: 75, risingJump: 25, risingFloor: 50 };

/**
 * Mid-rank percentiles: 100 · (r − ½) / n, where r is the value's average 1-based ascending rank
 * (ties share it), so the population spans (0, 100) and tied values get the same percentile.
 *
 * @example
 * ```ts
 * import { percentiles } from "./tiers.ts";
 * percentiles([0.1, 0.3, 0.3, 0.9]); // [12.5, 50, 50, 87.5]
 * ```
 */
export function percentiles(values: readonly number[]): number[] {
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Array<number>(n);
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]!] === values[order[start]!]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k]!] = (100 * (rank - 0.5)) / n;
    start = end + 1;
  }
  return out;
}

/**
 * The tier of a member from this quarter's percentile p and last quarter's p₋ (null when the
 * member was not scored then):
 *
 *   high      p ≥ 95
 *   rising    not high, p₋ known, p − p₋ ≥ 25 and p ≥ 50
 *   moderate  otherwise p ≥ 75
 *   low       otherwise
 *
 * @example
 * ```ts
 * import { assignTier } from "./tiers.ts";
 * assignTier(60, 30); // "rising"
 * ```
 */
export function assignTier(percentile: number, previous: number | null, rule: TierRule = TIER_RULE): Tier {
  if (!(percentile >= 0 && percentile <= 100)) {
    throw new Error(`Cannot assign a risk tier: percentile must be in [0, 100] (got ${percentile})`);
  }
  if (percentile >= rule.high) return "high";
  if (previous !== null && percentile - previous >= rule.risingJump && percentile >= rule.risingFloor) {
    return "rising";
  }
  if (percentile >= rule.moderate) return "moderate";
  return "low";
}

/** Order of tiers for "moved up a tier": low 0 < moderate 1 < rising 2 < high 3. */
export function tierRank(tier: Tier): number {
  return 3 - TIERS.indexOf(tier);
}
