import assert from "node:assert/strict";
import fc from "fast-check";
import {
  credibility,
  dispersionMoments,
  estimatePrior,
  pooledPrior,
  shrunkRate,
} from "../../../src/lib/utilization/credibility.ts";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

Deno.test("estimatePrior()", async (t) => {
  await t.step("method of moments on a hand example", () => {
    // m = 12/20 = 0.6; Σ E(r − m)² = 10·(0.2 − 0.6)² + 10·(1.0 − 0.6)² = 3.2; (n − 1)·m = 0.6
    // ΣE − ΣE²/ΣE = 20 − 200/20 = 10 → τ² = (3.2 − 0.6)/10 = 0.26; k = 0.6/0.26 = 2.307692
    const p = estimatePrior([{ events: 2, exposure: 10 }, { events: 10, exposure: 10 }]);
    close(p.mean, 0.6);
    close(p.tau2, 0.26);
    close(p.k, 0.6 / 0.26);
  });
  await t.step("no spread beyond Poisson noise gives k = ∞ and Z = 0", () => {
    // m = 0.5; Σ E(r − m)² = 0 < (n − 1)m → τ² = 0
    const p = estimatePrior([{ events: 5, exposure: 10 }, { events: 5, exposure: 10 }]);
    assert.equal(p.tau2, 0);
    assert.equal(p.k, Infinity);
    assert.equal(credibility(1e6, p.k), 0);
    close(shrunkRate({ events: 9, exposure: 10 }, p), 0.5);
  });
});

Deno.test("shrunkRate()", async (t) => {
  await t.step("a company of 40 member-months with 3 ER visits is pulled toward the book", () => {
    // book 0.0125 visits per member-month (150 per 1,000), k = 125:
    // Z = 40/165 = 0.242424; raw 3/40 = 0.075 → 0.242424·0.075 + 0.757576·0.0125 = 0.027652
    const prior = { mean: 0.0125, tau2: 0.0001, k: 125 };
    close(shrunkRate({ events: 3, exposure: 40 }, prior), 4.5625 / 165);
    close(credibility(40, 125), 40 / 165);
  });
  await t.step("lies between the raw rate and the book mean", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ events: fc.integer({ min: 0, max: 50 }), exposure: fc.integer({ min: 1, max: 5000 }) }),
          {
            minLength: 2,
            maxLength: 30,
          },
        ),
        (groups) => {
          const p = estimatePrior(groups);
          return groups.every((g) => {
            const s = shrunkRate(g, p);
            const raw = g.events / g.exposure;
            return s >= Math.min(raw, p.mean) - 1e-12 && s <= Math.max(raw, p.mean) + 1e-12;
          });
        },
      ),
    );
  });
});

Deno.test("pooledPrior()", async (t) => {
  await t.step("pools the relative spread of several months", () => {
    // month A: x = 2, 10 over E = 10, 10 → m = 0.6, ΣE(r − m)² = 3.2, (n − 1)m = 0.6
    //   excess = (3.2 − 0.6)/0.36 = 7.222222, spread = 10
    // month B: x = 1, 5 over 10, 10 → m = 0.3, ΣE(r − m)² = 10·0.04 + 10·0.04 = 0.8, (n − 1)m = 0.3
    //   excess = (0.8 − 0.3)/0.09 = 5.555556, spread = 10
    // c² = 12.777778/20 = 0.638889; with the current mean 0.3: τ² = 0.0575, k = 0.3/0.0575 = 5.217391
    const a = dispersionMoments([{ events: 2, exposure: 10 }, { events: 10, exposure: 10 }]);
    const b = dispersionMoments([{ events: 1, exposure: 10 }, { events: 5, exposure: 10 }]);
    close(a.excess, 2.6 / 0.36);
    close(b.excess, 0.5 / 0.09);
    const p = pooledPrior(0.3, [a, b]);
    close(p.tau2, 0.0575);
    close(p.k, 0.3 / 0.0575);
  });
  await t.step("one section reproduces estimatePrior()", () => {
    const groups = [{ events: 3, exposure: 40 }, { events: 30, exposure: 900 }, { events: 9, exposure: 120 }];
    const single = estimatePrior(groups);
    const pooled = pooledPrior(single.mean, [dispersionMoments(groups)]);
    close(pooled.tau2, single.tau2, 1e-12);
  });
});
