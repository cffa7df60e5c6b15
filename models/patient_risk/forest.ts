import { RandomForestRegression } from "ml-random-forest";
import { seededRandom } from "../../src/lib/prng.ts";

/** Settings of {@linkcode fitForest}; the defaults keep a fit to seconds on a shared machine. */
export interface ForestOptions {
  trees?: number;
  maxDepth?: number;
  minLeaf?: number;
  /** Share of features tried at each split. */
  maxFeatures?: number;
  /** At most this many training rows, drawn without replacement with `seed`. */
  maxRows?: number;
  /** At most this many distinct values per feature (quantile bins of the training rows). */
  bins?: number;
  seed?: number;
}

/** A fitted probability forest and the bin edges its features were cut at. */
export interface Forest {
  edges: number[][];
  predict(x: readonly (readonly number[])[]): number[];
  rowsUsed: number;
}

/**
 * Inner bin edges per feature: the distinct values of the k/`bins` quantiles (k = 1 … bins − 1)
 * of the training column. A value v falls in bin #{edges e with e < v}.
 */
export function binEdges(x: readonly (readonly number[])[], bins: number): number[][] {
  const p = x[0]?.length ?? 0;
  return Array.from({ length: p }, (_, j) => {
    const col = x.map((r) => r[j]!).sort((a, b) => a - b);
    const edges = new Set<number>();
    for (let k = 1; k < bins; k++) edges.add(col[Math.floor((k * (col.length - 1)) / bins)]!);
    return [...edges].sort((a, b) => a - b);
  });
}

/** Replaces each value by its bin index under `edges` (see {@linkcode binEdges}). */
export function applyBins(
  x: readonly (readonly number[])[],
  edges: readonly (readonly number[])[],
): number[][] {
  return x.map((r) => r.map((v, j) => edges[j]!.filter((e) => e < v).length));
}

/**
 * A probability forest: `ml-random-forest`'s regression forest on the 0/1 outcome, so each tree's
 * leaf holds the share of events among its bootstrap rows and the forest's mean is a probability
 * (a vote count would give coarse, poorly calibrated scores). Features are cut into at most `bins`
 * quantile bins first, which keeps ml-cart's exhaustive split search fast; training rows are a
 * seeded subsample. Same data and options → same forest.
 */
export function fitForest(
  x: readonly (readonly number[])[],
  y: readonly number[],
  options: ForestOptions = {},
): Forest {
  const {
    trees = 15,
    maxDepth = 5,
    minLeaf = 25,
    maxFeatures = 0.6,
    maxRows = 1500,
    bins = 10,
    seed = 20261,
  } = options;
  if (x.length !== y.length || x.length === 0) {
    throw new Error(`Cannot fit the forest: ${x.length} rows and ${y.length} labels`);
  }
  const random = seededRandom(seed);
  const order = x.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const pick = order.slice(0, Math.min(maxRows, order.length)).sort((a, b) => a - b);
  const xs = pick.map((i) => x[i]!);
  const edges = binEdges(xs, bins);
  const rf = new RandomForestRegression(
    {
      seed,
      nEstimators: trees,
      maxFeatures,
      replacement: true,
      useSampleBagging: true,
      noOOB: true,
      treeOptions: { maxDepth, minNumSamples: minLeaf },
    } as ConstructorParameters<typeof RandomForestRegression>[0],
  );
  rf.train(applyBins(xs, edges), pick.map((i) => y[i]!));
  return {
    edges,
    rowsUsed: pick.length,
    predict: (rows) => rf.predict(applyBins(rows, edges)).map((p) => Math.min(1, Math.max(0, p))),
  };
}
