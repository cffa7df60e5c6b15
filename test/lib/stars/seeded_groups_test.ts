import assert from "node:assert/strict";
import fc from "fast-check";
import { seededRandom } from "../../../src/lib/prng.ts";
import { seededGroups } from "../../../src/lib/stars/seeded_groups.ts";

Deno.test("seededRandom()", async (t) => {
  await t.step("the same seed gives the same sequence, in [0, 1)", () => {
    const a = seededRandom(8675309), b = seededRandom(8675309);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    assert.notDeepEqual(xs.slice(0, 10), Array.from({ length: 10 }, seededRandom(8675310)));
  });
  await t.step("is uniform enough: 10,000 draws fill ten bins within 15% of 1,000", () => {
    const r = seededRandom(1);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 10000; i++) bins[Math.floor(r() * 10)]!++;
    assert.ok(bins.every((b) => b > 850 && b < 1150), JSON.stringify(bins));
  });
});

Deno.test("seededGroups()", async (t) => {
  await t.step("groups differ in size by at most one and are reproducible", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        (n, g, seed) => {
          const groups = seededGroups(n, g, seed);
          assert.equal(groups.length, n);
          const sizes = new Array<number>(g).fill(0);
          for (const x of groups) sizes[x]!++;
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, JSON.stringify(sizes));
          assert.deepEqual(seededGroups(n, g, seed), groups);
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });
  await t.step("the seed changes the assignment", () => {
    assert.notDeepEqual(seededGroups(50, 10, 1), seededGroups(50, 10, 2));
  });
  await t.step("rejects a group count that is not a positive integer", () => {
    assert.throws(() => seededGroups(10, 0, 1), /0 groups/);
  });
});
