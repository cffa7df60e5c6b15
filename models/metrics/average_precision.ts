import { orderByScoreDesc, validateScores } from "./_validate.ts";

/**
 * Average precision, scikit-learn's `average_precision_score`: the precision at each distinct
 * score threshold weighted by the recall gained there,
 *
 *   AP = Σₖ (Rₖ − Rₖ₋₁) Pₖ,   R₀ = 0,
 *
 * over thresholds tₖ taken at the distinct scores from highest to lowest, where Pₖ and Rₖ are the
 * precision and recall of "score ≥ tₖ" (tied scores enter together; no interpolation).
 *
 * @example
 * ```ts
 * import { averagePrecision } from "./average_precision.ts";
 * averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // (1/2)·1 + (1/2)·(2/3) = 0.8333…
 * ```
 * @throws if there is no positive (the recall is undefined) or the input is malformed.
 */
export function averagePrecision(y: readonly number[], score: readonly number[]): number {
  const { positives } = validateScores("average precision", y, score);
  if (positives === 0) throw new Error("Cannot compute average precision: no positive labels");
  const order = orderByScoreDesc(score);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let previousRecall = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && score[order[end + 1]!] === score[order[start]!]) end++;
    for (let k = start; k <= end; k++) tp += y[order[k]!]!;
    seen = end + 1;
    const recall = tp / positives;
    ap += (recall - previousRecall) * (tp / seen);
    previousRecall = recall;
    start = end + 1;
  }
  return ap;
}
