/**
 * A contract's rating in a later Star year from its newer measurement-year scores, with an interval from how far
 * the guardrails let next year's cut points move (42 CFR 422.166(a)(2)(i); CMS 2026 Technical Notes, Attachment K).
 */
import type { Measure } from "./catalogue.js";
import { projectCutPointBounds } from "./cut_points_guardrails.js";
import type { CutPoints, Thresholds } from "./measure_stars.js";
import { evaluate, type MeasureState, type WhatIfContext, type WhatIfResult } from "./whatif.js";

/** The guardrail rule of a measure: its cap and the natural range of its scale. */
export type GuardrailRule = (m: Measure) => { cap: number; range: { min: number; max: number } };

/**
 * The default rule: 5 points on 0–100 scales (whole-percent measures); for the complaint rates (two decimals,
 * per 1,000 members) 0.05, the cap CMS's 2026 final thresholds imply.
 */
export const DEFAULT_GUARDRAIL: GuardrailRule = (m) =>
  m.precision === 0
    ? { cap: 5, range: { min: 0, max: 100 } }
    : { cap: 0.05, range: { min: 0, max: Infinity } };

/** The projected rating: under this year's cut points, and under the least and most favourable bounds. */
export interface RatingProjection {
  central: WhatIfResult;
  low: WhatIfResult;
  high: WhatIfResult;
}

/**
 * Cut points at their guardrail bounds: against the contract (`"low"`: higher-is-better thresholds at tₛ + cap,
 * lower-is-better at tₛ − cap) or for it (`"high"`: the opposite), within the scale's natural range.
 */
export function boundedCutPoints(
  ctx: WhatIfContext,
  side: "low" | "high",
  rule: GuardrailRule = DEFAULT_GUARDRAIL,
): Map<string, CutPoints> {
  const out = new Map<string, CutPoints>();
  for (const [key, cut] of ctx.cutPoints) {
    const measure = ctx.catalogue.byKey.get(key);
    if (!measure) continue;
    const bounds = projectCutPointBounds([...cut.thresholds] as Thresholds, rule(measure));
    const harder = side === "low";
    const pick = (b: { low: number; high: number }) =>
      (cut.direction === "higher") === harder ? b.high : b.low;
    out.set(key, { direction: cut.direction, thresholds: bounds.map(pick) as Thresholds });
  }
  return out;
}

/**
 * Projects the ratings of `states` (a later measurement year's scores): central = this year's cut points held;
 * low/high = every threshold at its guardrail bound against/for the contract. The interval [low, high] holds
 * whatever the cut points do within the guardrails, with the scores as given.
 */
export function projectRating(
  ctx: WhatIfContext,
  states: readonly MeasureState[],
  rule: GuardrailRule = DEFAULT_GUARDRAIL,
): RatingProjection {
  return {
    central: evaluate(ctx, states),
    low: evaluate({ ...ctx, cutPoints: boundedCutPoints(ctx, "low", rule) }, states),
    high: evaluate({ ...ctx, cutPoints: boundedCutPoints(ctx, "high", rule) }, states),
  };
}
