import assert from "node:assert/strict";
import fc from "fast-check";
import { wardClusters, wardLinkage } from "../../../src/lib/stars/ward.ts";

interface Golden {
  name: string;
  k: number;
  values: number[];
  linkage: [number, number, number, number][];
  labels: number[];
  clusters: { min: number; max: number; size: number }[];
}
const golden: { fixtures: Golden[] } = JSON.parse(
  Deno.readTextFileSync(new URL("../../golden/ward_scipy.json", import.meta.url)),
);

Deno.test("wardLinkage()", async (t) => {
  await t.step("merges by hand: 0, 1, 10", () => {
    // {0,1} merge at |0−1| = 1; then √(2·2·1/3)·|0.5 − 10| = 9.5·√(4/3).
    const z = wardLinkage([0, 1, 10]);
    assert.deepEqual(z.map((m) => [m.left, m.right, m.size]), [[0, 1, 2], [2, 3, 3]]);
    assert.equal(z[0]!.height, 1);
    assert.ok(Math.abs(z[1]!.height - 9.5 * Math.sqrt(4 / 3)) < 1e-12);
  });
  for (const g of golden.fixtures) {
    await t.step(`equals scipy's linkage matrix on ${g.name} (n=${g.values.length})`, () => {
      const z = wardLinkage(g.values);
      assert.equal(z.length, g.linkage.length);
      z.forEach((m, i) => {
        const [left, right, height, size] = g.linkage[i]!;
        assert.deepEqual([m.left, m.right, m.size], [left, right, size], `merge ${i}`);
        assert.ok(
          Math.abs(m.height - height) <= 1e-9 * Math.max(1, height),
          `merge ${i}: ${m.height} vs ${height}`,
        );
      });
    });
  }
  await t.step("rejects a non-finite value, naming its position", () => {
    assert.throws(() => wardLinkage([1, NaN]), /value 1 is not a finite number/);
  });
});

Deno.test("wardClusters()", async (t) => {
  for (const g of golden.fixtures) {
    await t.step(`equals scipy's fcluster maxclust on ${g.name}`, () => {
      assert.deepEqual(wardClusters(g.values, g.k), g.labels);
    });
  }
  await t.step("with more than k values, 1-D Ward clusters are contiguous intervals ordered by mean", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 6, maxLength: 80 }), (xs) => {
        const labels = wardClusters(xs, 5);
        const ranges = new Map<number, [number, number]>();
        xs.forEach((x, i) => {
          const r = ranges.get(labels[i]!) ?? [x, x];
          ranges.set(labels[i]!, [Math.min(r[0], x), Math.max(r[1], x)]);
        });
        const sorted = [...ranges.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
        for (let c = 1; c < sorted.length; c++) {
          assert.ok(sorted[c - 1]![1] < sorted[c]![0], JSON.stringify(sorted));
        }
        assert.ok(sorted.length <= 5);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
  await t.step("gives each observation its own cluster when there are k or fewer, as scipy does", () => {
    // Ties in the mean are ordered by observation index.
    assert.deepEqual(wardClusters([3, 1, 3, 2], 5), [2, 0, 3, 1]);
  });
});
