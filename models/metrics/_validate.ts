/**
 * Checks that labels are 0/1 and scores finite numbers of the same length, optionally that both
 * classes are present and that scores lie in [0, 1]; throws naming the metric, row and value.
 */
export function validateScores(
  metric: string,
  y: readonly number[],
  score: readonly number[],
  options: { bothClasses?: boolean; probabilities?: boolean } = {},
): { positives: number; negatives: number } {
  if (y.length !== score.length) {
    throw new Error(`Cannot compute ${metric}: ${y.length} labels but ${score.length} scores`);
  }
  if (y.length === 0) throw new Error(`Cannot compute ${metric}: no rows`);
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new Error(`Cannot compute ${metric}: label of row ${i} is ${y[i]}, expected 0 or 1`);
    }
    const s = score[i]!;
    if (!Number.isFinite(s)) {
      throw new Error(`Cannot compute ${metric}: score of row ${i} is not finite (${s})`);
    }
    if (options.probabilities && (s < 0 || s > 1)) {
      throw new Error(
        `Cannot compute ${metric}: probability of row ${i} is ${s}, expected a value in [0, 1]`,
      );
    }
    positives += y[i]!;
  }
  const negatives = y.length - positives;
  if (options.bothClasses && (positives === 0 || negatives === 0)) {
    throw new Error(
      `Cannot compute ${metric}: only one class is present (${positives} positives, ${negatives} negatives)`,
    );
  }
  return { positives, negatives };
}

/** Row indices sorted by score, highest first (ties keep input order). */
export function orderByScoreDesc(score: readonly number[]): number[] {
  return score.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || a - b);
}
