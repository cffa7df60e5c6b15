/**
 * Ward's minimum-variance hierarchical clustering of one-dimensional scores, as CMS runs it for
 * non-CAHPS cut points (SAS PROC CLUSTER method=ward, Technical Notes Attachment K) and as
 * `scipy.cluster.hierarchy.linkage(x, "ward")` + `fcluster(Z, k, "maxclust")` compute it.
 */

/** One merge of the dendrogram, in scipy's linkage-matrix convention. */
export interface WardMerge {
  /** Smaller id of the two merged clusters (0…n−1 are observations, n+i is the i-th merge). */
  left: number;
  /** Larger id of the two merged clusters. */
  right: number;
  /** Ward distance √(2·nA·nB/(nA+nB))·|x̄A − x̄B| between the two clusters. */
  height: number;
  /** Number of observations in the merged cluster. */
  size: number;
}

/**
 * Lance–Williams update for Ward linkage: the distance from cluster i to the union of x and y is
 * d(i, x∪y) = √(((nᵢ+nₓ)·d(i,x)² + (nᵢ+n_y)·d(i,y)² − nᵢ·d(x,y)²) / (nᵢ+nₓ+n_y)).
 */
function wardUpdate(dxi: number, dyi: number, dxy: number, nx: number, ny: number, ni: number): number {
  const t = 1 / (nx + ny + ni);
  return Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
}

/**
 * The Ward dendrogram of `values` (n−1 merges sorted by height, ties in merge order), computed with
 * the nearest-neighbour-chain algorithm on Euclidean distances |xᵢ − xⱼ|, the algorithm and
 * tie-breaking scipy uses, so the merges equal scipy's linkage matrix.
 *
 * @example
 * ```ts
 * import { wardLinkage } from "./ward.ts";
 * import assert from "node:assert/strict";
 * const [first, second] = wardLinkage([0, 1, 10]);
 * assert.deepEqual(first, { left: 0, right: 1, height: 1, size: 2 });
 * // √(2·2·1/3)·|0.5 − 10| = 9.5·√(4/3)
 * assert.ok(Math.abs(second!.height - 9.5 * Math.sqrt(4 / 3)) < 1e-12);
 * ```
 */
export function wardLinkage(values: readonly number[]): WardMerge[] {
  const n = values.length;
  if (n < 2) return [];
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v)) throw new Error(`Cannot cluster: value ${i} is not a finite number (${v})`);
  }
  // A full symmetric matrix: n² doubles (2.3 MB at n = 540) buys index arithmetic without branches.
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) d[i * n + j] = Math.abs(values[i]! - values[j]!);
  }
  const size = new Int32Array(n).fill(1);
  const chain = new Int32Array(n);
  let chainLength = 0;
  const raw: { x: number; y: number; height: number }[] = [];
  for (let k = 0; k < n - 1; k++) {
    if (chainLength === 0) {
      chainLength = 1;
      chain[0] = size.findIndex((s) => s > 0);
    }
    let x = 0, y = 0, currentMin = Infinity;
    for (;;) {
      x = chain[chainLength - 1]!;
      // Prefer the previous element of the chain on ties, so the chain cannot cycle.
      if (chainLength > 1) {
        y = chain[chainLength - 2]!;
        currentMin = d[x * n + y]!;
      } else currentMin = Infinity;
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        const dist = d[x * n + i]!;
        if (dist < currentMin) {
          currentMin = dist;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) [x, y] = [y, x];
    const nx = size[x]!, ny = size[y]!;
    raw.push({ x, y, height: currentMin });
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      const ni = size[i]!;
      if (ni === 0 || i === y) continue;
      const updated = wardUpdate(d[i * n + x]!, d[i * n + y]!, currentMin, nx, ny, ni);
      d[i * n + y] = updated;
      d[y * n + i] = updated;
    }
  }
  // Stable sort by height, then relabel: the nodes recorded above are slots, not cluster ids.
  const sorted = raw.map((m, i) => ({ ...m, i })).sort((a, b) => a.height - b.height || a.i - b.i);
  const parent = Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const clusterSize = new Array<number>(2 * n - 1).fill(1);
  const find = (v: number): number => {
    let root = v;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[v] !== root) [v, parent[v]] = [parent[v]!, root];
    return root;
  };
  return sorted.map((m, k) => {
    const a = find(m.x), b = find(m.y);
    const id = n + k;
    parent[a] = id;
    parent[b] = id;
    clusterSize[id] = clusterSize[a]! + clusterSize[b]!;
    return { left: Math.min(a, b), right: Math.max(a, b), height: m.height, size: clusterSize[id]! };
  });
}

/**
 * Cuts a Ward dendrogram into at most `k` flat clusters the way scipy's `fcluster(Z, k,
 * "maxclust")` does: the smallest merge height r such that joining every merge with height ≤ r
 * leaves no more than k clusters (so tied heights at the cut can leave fewer than k).
 *
 * Returns one label per value, 0 for the cluster with the lowest mean up to (clusters − 1).
 *
 * @example
 * ```ts
 * import { wardClusters } from "./ward.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(wardClusters([1, 2, 10, 11, 30], 3), [0, 0, 1, 1, 2]);
 * ```
 */
export function wardClusters(values: readonly number[], k: number): number[] {
  if (!Number.isInteger(k) || k < 1) {
    throw new Error(`Cannot cluster into ${k} clusters: expected an integer ≥ 1`);
  }
  const n = values.length;
  if (n === 0) return [];
  const merges = wardLinkage(values);
  // Heights are monotone for Ward, so joining merges with height ≤ r is a prefix of `merges`.
  let joined = 0;
  if (n > k) {
    const threshold = merges[n - k - 1]!.height;
    joined = merges.findLastIndex((m) => m.height <= threshold) + 1;
  }
  const parent = Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (v: number): number => (parent[v] === v ? v : (parent[v] = find(parent[v]!)));
  for (let i = 0; i < joined; i++) {
    const m = merges[i]!;
    parent[find(m.left)] = n + i;
    parent[find(m.right)] = n + i;
  }
  const sums = new Map<number, { sum: number; count: number }>();
  const roots = values.map((v, i) => {
    const r = find(i);
    const s = sums.get(r) ?? { sum: 0, count: 0 };
    s.sum += v;
    s.count += 1;
    sums.set(r, s);
    return r;
  });
  const order = [...sums.entries()]
    .sort(([ra, a], [rb, b]) => a.sum / a.count - b.sum / b.count || ra - rb)
    .map(([r]) => r);
  const rank = new Map(order.map((r, i) => [r, i]));
  return roots.map((r) => rank.get(r)!);
}
