import type { LogisticModel } from "../logistic/logistic_regression.ts";
import { contributions, topDrivers } from "../next_month_risk/drivers.ts";
import { FEATURES } from "./features.ts";

/**
 * A member's top reasons: the `k` features that push the member's logistic log-odds furthest
 * above a member at the training means (cⱼ = βⱼˢ (xⱼ − x̄ⱼ) / sⱼ > 0, largest first), in words
 * ("2 ER visit(s) in the last 3 months"). Features that lower the risk are not reasons.
 *
 * @example
 * ```ts
 * import { reasonText } from "./reasons.ts";
 * reasonText("er_visits_3m", 2); // "2 ER visit(s) in the last 3 months"
 * ```
 */
export function topReasons(model: LogisticModel, x: readonly number[], k = 3): string[] {
  const names = FEATURES.map(([n]) => n);
  return topDrivers(contributions(model, names, x).filter((c) => c.contribution > 0), k)
    .map((c) => reasonText(c.feature, c.value));
}

/** The caretaker's wording of one feature value (`{v}` the value, `{p}` as a percentage). */
export function reasonText(feature: string, value: number): string {
  const entry = FEATURES.find(([n]) => n === feature);
  if (!entry) throw new Error(`Cannot word a reason: unknown feature "${feature}"`);
  return entry[1].replace("{v}", String(Math.round(value))).replace("{p}", `${Math.round(value * 100)}%`);
}
