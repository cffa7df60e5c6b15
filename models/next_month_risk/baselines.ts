import type { LabelledRow } from "./training_window.ts";

/** Base-rate and persistence baselines learnt on a training window. */
export interface Baselines {
  /** Training prevalence π = Σ yᵢ / n. */
  baseRate: number;
  /** P(High next | High now) in training, or π when no training row was High. */
  persistenceIfHigh: number;
  /** P(High next | not High now) in training, or π when every training row was High. */
  persistenceIfNot: number;
}

/**
 * Learns the two baselines a model must beat: the base rate π (every company gets the training
 * prevalence) and persistence ("same band as this month") turned into a probability through the
 * training window's transition rates P(High at t + 1 | band at t).
 *
 * @example
 * ```ts
 * import { fitBaselines } from "./baselines.ts";
 * // Four rows High now (3 stay High), four not High (1 becomes High):
 * // { baseRate: 0.5, persistenceIfHigh: 0.75, persistenceIfNot: 0.25 }
 * ```
 */
export function fitBaselines(train: readonly LabelledRow[]): Baselines {
  if (train.length === 0) throw new Error("Cannot fit baselines: no training rows");
  let high = 0, highNext = 0, notHigh = 0, notHighNext = 0;
  for (const r of train) {
    if (r.highRiskNow === 1) {
      high++;
      highNext += r.highRiskNext;
    } else {
      notHigh++;
      notHighNext += r.highRiskNext;
    }
  }
  const baseRate = (highNext + notHighNext) / train.length;
  return {
    baseRate,
    persistenceIfHigh: high > 0 ? highNext / high : baseRate,
    persistenceIfNot: notHigh > 0 ? notHighNext / notHigh : baseRate,
  };
}

/** Persistence probability for a row with this month's band. */
export function persistenceProbability(b: Baselines, highRiskNow: 0 | 1): number {
  return highRiskNow === 1 ? b.persistenceIfHigh : b.persistenceIfNot;
}
