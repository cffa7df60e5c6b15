/**
 * Guardrails on year-over-year movement of non-CAHPS cut points (42 CFR 422.166(a)(2)(i); CMS
 * Technical Notes 2026 Attachment K), and the bounds they put on next year's cut points.
 */
import type { Thresholds } from "./measure_stars.js";
import { roundHalfUp } from "./rounding.js";

/** How a measure is scaled, which decides the size of its guardrail cap. */
export type GuardrailScale =
  /** a 0–100 percentage: the cap is 5 percentage points */
  | { kind: "percent" }
  /** any other scale: 5% of the prior year's restricted range (max − min of the Tukey-trimmed scores) */
  | { kind: "restricted-range"; priorMin: number; priorMax: number };

/**
 * The guardrail cap: 5 for 0–100 scales; 0.05·(max − min) of the prior year's Tukey-trimmed
 * clustering input for other scales.
 *
 * @example
 * ```ts
 * import { guardrailCap } from "./cut_points_guardrails.ts";
 * import assert from "node:assert/strict";
 * assert.equal(guardrailCap({ kind: "percent" }), 5);
 * assert.equal(guardrailCap({ kind: "restricted-range", priorMin: 0, priorMax: 1 }), 0.05);
 * ```
 */
export function guardrailCap(scale: GuardrailScale): number {
  switch (scale.kind) {
    case "percent":
      return 5;
    case "restricted-range": {
      if (!(scale.priorMax >= scale.priorMin)) {
        throw new Error(`Invalid restricted range: min ${scale.priorMin} > max ${scale.priorMax}`);
      }
      return 0.05 * (scale.priorMax - scale.priorMin);
    }
    default:
      throw new Error(`invalid guardrail scale: ${JSON.stringify(scale)}`);
  }
}

/** Whether guardrails apply to a measure this year. */
export interface GuardrailEligibility {
  /** years the measure (in its current specification) has been in the Star Ratings, this one included */
  yearsInProgram: number;
  /** the Part C / Part D quality improvement measures are never guardrailed */
  improvement?: boolean;
}

/**
 * Guardrails are skipped for improvement measures and for measures in the program 3 years or
 * fewer (new, or returning after a substantive specification change).
 */
export function guardrailApplies(measure: GuardrailEligibility): boolean {
  return !measure.improvement && measure.yearsInProgram > 3;
}

/**
 * Caps each threshold's move from the prior year's published threshold:
 * tₛ = pₛ + clamp(cₛ − pₛ, −cap, +cap), then rounded half up to the display precision (so 0.05 caps
 * on 2-decimal scales do not leave binary noise).
 *
 * @example
 * ```ts
 * import { applyGuardrails } from "./cut_points_guardrails.ts";
 * import assert from "node:assert/strict";
 * // 2026 breast cancer screening: mean-resampled vs 2025 final → 2026 final
 * assert.deepEqual(applyGuardrails([63, 71, 76, 84], [53, 67, 75, 82], 5, 0), [58, 71, 76, 84]);
 * ```
 */
export function applyGuardrails(
  current: Thresholds,
  prior: Thresholds,
  cap: number,
  precision: number,
): Thresholds {
  if (!(cap >= 0)) throw new Error(`Invalid guardrail cap ${cap}: expected a number ≥ 0`);
  return current.map((c, s) => {
    const p = prior[s]!;
    return roundHalfUp(p + Math.min(cap, Math.max(-cap, c - p)), precision);
  }) as Thresholds;
}

/** Range within which one threshold can land next year. */
export interface ThresholdBounds {
  low: number;
  high: number;
}

/**
 * The bounds within which next year's thresholds can move when guardrails apply:
 * [tₛ − cap, tₛ + cap] for each s, clamped to the scale's natural range. Without guardrails
 * (`applies: false`, e.g. a measure still new next year) only the natural range bounds them. For
 * a scale other than 0–100 the cap is {@linkcode guardrailCap} of this year's trimmed score range
 * (`CutPointResult.trimmedRange`), which is the prior year's range next year.
 *
 * @example
 * ```ts
 * import { projectCutPointBounds } from "./cut_points_guardrails.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(projectCutPointBounds([58, 71, 76, 84], { cap: 5, range: { min: 0, max: 100 } }), [
 *   { low: 53, high: 63 },
 *   { low: 66, high: 76 },
 *   { low: 71, high: 81 },
 *   { low: 79, high: 89 },
 * ]);
 * ```
 */
export function projectCutPointBounds(
  thresholds: Thresholds,
  rule: { cap: number; range: { min: number; max: number }; applies?: boolean },
): [ThresholdBounds, ThresholdBounds, ThresholdBounds, ThresholdBounds] {
  const { cap, range, applies = true } = rule;
  if (!(cap >= 0)) throw new Error(`Invalid guardrail cap ${cap}: expected a number ≥ 0`);
  return thresholds.map((t) =>
    applies
      ? { low: Math.max(range.min, t - cap), high: Math.min(range.max, t + cap) }
      : { low: range.min, high: range.max }
  ) as [ThresholdBounds, ThresholdBounds, ThresholdBounds, ThresholdBounds];
}
