import { validateScores } from "./_validate.ts";

/**
 * Area under the ROC curve, the probability that a random positive scores above a random negative
 * with ties counting one half (the Mann–Whitney U statistic; equal to scikit-learn's
 * `roc_auc_score`, whose trapezoids treat tied scores the same way):
 *
 *   AUC = (Σ_{i positive} rankᵢ − n₁(n₁ + 1)/2) / (n₁ n₀)
 *
 * with rankᵢ the mid-rank (average rank among ties) of score i in ascending order.
 *
 * @example
 * ```ts
 * import { rocAuc } from "./roc_auc.ts";
 * rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 * ```
 * @throws if only one class is present (the AUC is undefined) or the input is malformed.
 */
export function rocAuc(y: readonly number[], score: readonly number[]): number {
  const { positives, negatives } = validateScores("ROC-AUC", y, score, { bothClasses: true });
  const order = score.map((_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && score[order[end + 1]!] === score[order[start]!]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) rankSum += y[order[k]!]! * midRank;
    start = end + 1;
  }
  return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
}
