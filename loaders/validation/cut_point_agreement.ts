/**
 * The cut-point clustering (`src/lib/stars/cut_points_cluster.ts`, reproduced in the committed golden
 * `test/output/cut_points_2026.csv`) against CMS's published 2026 thresholds (`stars_cut_points_2026`).
 */

/** A measure's four thresholds (2★…5★) in one pool. */
export interface Thresholds {
  cms_id: string;
  pool: string;
  t: ReadonlyArray<number | null>;
}

/**
 * Counts thresholds computed and published for the same measure and pool, and how many agree
 * exactly and within one point: |computed − published| = 0, ≤ 1. Part C's published pool `all`
 * matches any computed pool of that measure.
 *
 * @example
 * ```ts
 * const a = cutPointAgreement(
 *   [{ cms_id: "C01", pool: "MA-PD", t: [58, 69, 76, 83] }],
 *   [{ cms_id: "C01", pool: "all", t: [58, 71, 76, 84] }],
 * );
 * // a = { compared: 4, exact: 2, withinOne: 3 }
 * ```
 */
export function cutPointAgreement(
  computed: readonly Thresholds[],
  published: readonly Thresholds[],
): { compared: number; exact: number; withinOne: number } {
  let compared = 0, exact = 0, withinOne = 0;
  for (const c of computed) {
    const p = published.find((p) => p.cms_id === c.cms_id && (p.pool === c.pool || p.pool === "all"));
    if (!p) continue;
    c.t.forEach((value, i) => {
      const target = p.t[i];
      if (value === null || target === null || target === undefined) return;
      const gap = Math.abs(value - target);
      compared++;
      if (gap === 0) exact++;
      if (gap <= 1) withinOne++;
    });
  }
  return { compared, exact, withinOne };
}
