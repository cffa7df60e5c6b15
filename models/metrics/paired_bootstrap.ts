/** A difference between two predictors' scores with a bootstrap percentile interval. */
export interface PairedDifference {
  /** metric(A) − metric(B) on the data as given. */
  difference: number;
  /** 2.5th and 97.5th percentiles of the bootstrap differences (NumPy's linear percentile). */
  lower: number;
  upper: number;
  /** Bootstrap replicates in which the metric was defined for both. */
  replicates: number;
}

/** Options for {@linkcode pairedBootstrap}. */
export interface PairedBootstrapOptions {
  /** Replicates (default 200). */
  replicates?: number;
  /** Seed of the resampling (default 1); the same seed gives the same interval. */
  seed?: number;
  /**
   * Cluster of each row (e.g. the company): whole clusters are resampled, so rows of one company
   * stay together and their correlation widens the interval as it should.
   */
  clusters?: readonly string[];
}

/**
 * Paired bootstrap of the difference metric(y, a) − metric(y, b): rows (or clusters of rows) are
 * drawn with replacement, both predictors are scored on the same draw, and the 2.5th and 97.5th
 * percentiles of the differences form a 95 % interval. `metric` may return null (undefined on a
 * draw, e.g. an AUC with one class); such draws are skipped.
 *
 * @example
 * ```ts
 * import { pairedBootstrap } from "./paired_bootstrap.ts";
 * const mean = (y: readonly number[], p: readonly number[]) => p.reduce((s, v) => s + v, 0) / p.length;
 * pairedBootstrap(mean, [0, 1], [0.5, 0.5], [0.5, 0.5])?.difference; // 0
 * ```
 */
export function pairedBootstrap(
  metric: (y: readonly number[], p: readonly number[]) => number | null,
  y: readonly number[],
  a: readonly number[],
  b: readonly number[],
  options: PairedBootstrapOptions = {},
): PairedDifference | null {
  const n = y.length;
  if (a.length !== n || b.length !== n || (options.clusters && options.clusters.length !== n)) {
    throw new Error(`Cannot bootstrap: ${n} labels but ${a.length} and ${b.length} predictions`);
  }
  const ma = metric(y, a), mb = metric(y, b);
  if (ma === null || mb === null) return null;
  const groups = new Map<string, number[]>();
  (options.clusters ?? y.map((_, i) => String(i))).forEach((c, i) => {
    const g = groups.get(c);
    if (g) g.push(i);
    else groups.set(c, [i]);
  });
  const members = [...groups.keys()].sort().map((k) => groups.get(k)!);
  const random = mulberry32(options.seed ?? 1);
  const diffs: number[] = [];
  for (let r = 0; r < (options.replicates ?? 200); r++) {
    const ys: number[] = [], as: number[] = [], bs: number[] = [];
    for (let d = 0; d < members.length; d++) {
      for (const i of members[Math.floor(random() * members.length)]!) {
        ys.push(y[i]!);
        as.push(a[i]!);
        bs.push(b[i]!);
      }
    }
    const da = metric(ys, as), db = metric(ys, bs);
    if (da !== null && db !== null) diffs.push(da - db);
  }
  if (diffs.length === 0) return null;
  diffs.sort((x, z) => x - z);
  return {
    difference: ma - mb,
    lower: percentile(diffs, 2.5),
    upper: percentile(diffs, 97.5),
    replicates: diffs.length,
  };
}

function percentile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * (q / 100);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (h - lo);
}

/** Seeded uniform generator on [0, 1) (mulberry32). */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
