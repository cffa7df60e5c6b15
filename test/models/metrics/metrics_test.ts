import assert from "node:assert/strict";
import fc from "fast-check";
import { averagePrecision } from "../../../models/metrics/average_precision.ts";
import { brierScore } from "../../../models/metrics/brier_score.ts";
import { calibrationCurve } from "../../../models/metrics/calibration_curve.ts";
import { calibrationSlope } from "../../../models/metrics/calibration_slope.ts";
import { logLoss } from "../../../models/metrics/log_loss.ts";
import { rocAuc } from "../../../models/metrics/roc_auc.ts";
import { topFraction } from "../../../models/metrics/top_fraction.ts";

/** Labels with both classes and probabilities of the same length; scores on a coarse grid so ties occur. */
const labelled = fc.integer({ min: 2, max: 60 }).chain((n) =>
  fc.tuple(
    fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
    fc.array(fc.integer({ min: 0, max: 20 }).map((k) => k / 20), { minLength: n, maxLength: n }),
  ).filter(([y]) => y.includes(0) && y.includes(1))
);

const near = (a: number, b: number) => Math.abs(a - b) < 1e-12;

Deno.test("rocAuc()", async (t) => {
  await t.step("hand-computed: pairs won, ties count one half", () => {
    // Positives 0.5, 0.9; negatives 0.5, 0.2: pairs (0.5 vs 0.5) = ½, the other three won → 3.5/4.
    assert.equal(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.9, 0.2]), 0.875);
    assert.equal(rocAuc([1, 0], [0.3, 0.3]), 0.5);
  });
  await t.step("invariant to strictly increasing transforms; AUC(1 − p) = 1 − AUC(p)", () => {
    fc.assert(
      fc.property(labelled, ([y, p]) => {
        const auc = rocAuc(y, p);
        assert.ok(near(rocAuc(y, p.map((v) => Math.exp(3 * v) - 7)), auc));
        assert.ok(near(rocAuc(y, p.map((v) => 1 - v)), 1 - auc));
        assert.ok(auc >= 0 && auc <= 1);
      }),
      { numRuns: 200, seed: 11 },
    );
  });
  await t.step("a constant score gives exactly 0.5", () => {
    fc.assert(fc.property(labelled, ([y]) => assert.equal(rocAuc(y, y.map(() => 0.3)), 0.5)), { seed: 1 });
  });
  await t.step("one class only is an error", () => {
    assert.throws(() => rocAuc([1, 1], [0.2, 0.4]), /only one class is present \(2 positives, 0 negatives\)/);
  });
});

Deno.test("averagePrecision()", async (t) => {
  await t.step("hand-computed with a tie", () => {
    // Ordered 0.9(1), {0.5(1), 0.5(0)}, 0.2(0): R 0.5 at P 1, then R 1 at P 2/3 → 0.5 + 1/3.
    assert.ok(near(averagePrecision([1, 1, 0, 0], [0.9, 0.5, 0.5, 0.2]), 0.5 + 1 / 3));
  });
  await t.step("perfect ranking gives 1; a constant score gives the prevalence", () => {
    fc.assert(
      fc.property(labelled, ([y]) => {
        assert.ok(near(averagePrecision(y, y.map((v) => v)), 1));
        assert.ok(near(averagePrecision(y, y.map(() => 0.5)), y.reduce((a, b) => a + b, 0) / y.length));
      }),
      { numRuns: 100, seed: 5 },
    );
  });
  await t.step("invariant to strictly increasing transforms and lies in (0, 1]", () => {
    fc.assert(
      fc.property(labelled, ([y, p]) => {
        const ap = averagePrecision(y, p);
        assert.ok(near(averagePrecision(y, p.map((v) => v ** 3 + 1)), ap));
        assert.ok(ap > 0 && ap <= 1 + 1e-12);
      }),
      { numRuns: 200, seed: 9 },
    );
  });
});

Deno.test("brierScore()", async (t) => {
  await t.step("hand-computed", () => {
    assert.ok(near(brierScore([0, 1, 1], [0.1, 0.8, 0.5]), (0.01 + 0.04 + 0.25) / 3));
  });
  await t.step("bounded by 0 and 1; the prevalence forecast scores π(1 − π)", () => {
    fc.assert(
      fc.property(labelled, ([y, p]) => {
        const b = brierScore(y, p);
        assert.ok(b >= 0 && b <= 1);
        const pi = y.reduce((a, v) => a + v, 0) / y.length;
        assert.ok(near(brierScore(y, y.map(() => pi)), pi * (1 - pi)));
        assert.equal(brierScore(y, y.map((v) => v)), 0);
      }),
      { numRuns: 100, seed: 4 },
    );
  });
  await t.step("a probability outside [0, 1] is an error naming the row", () => {
    assert.throws(
      () => brierScore([0, 1], [0.2, 1.5]),
      /probability of row 1 is 1.5, expected a value in \[0, 1\]/,
    );
  });
});

Deno.test("calibrationCurve()", async (t) => {
  await t.step("hand-computed uniform bins: an edge value falls in the lower bin", () => {
    const bins = calibrationCurve([0, 0, 1, 1, 1], [0.1, 0.5, 0.5, 0.7, 1], 2, "uniform");
    assert.deepEqual(bins, [
      { bin: 0, lower: 0, upper: 0.5, count: 3, meanPredicted: 1.1 / 3, fractionPositive: 1 / 3 },
      { bin: 1, lower: 0.5, upper: 1, count: 2, meanPredicted: 0.85, fractionPositive: 1 },
    ]);
  });
  await t.step("counts add up to n and weighted means give back the overall means", () => {
    fc.assert(
      fc.property(
        labelled,
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom("uniform", "quantile"),
        ([y, p], k, s) => {
          const bins = calibrationCurve(y, p, k, s as "uniform" | "quantile");
          assert.equal(bins.reduce((a, b) => a + b.count, 0), y.length);
          const meanY = bins.reduce((a, b) => a + b.count * b.fractionPositive, 0) / y.length;
          assert.ok(Math.abs(meanY - y.reduce((a, v) => a + v, 0) / y.length) < 1e-12);
          for (const b of bins) {
            assert.ok(b.meanPredicted >= b.lower - 1e-12 && b.meanPredicted <= b.upper + 1e-12);
          }
        },
      ),
      { numRuns: 150, seed: 2 },
    );
  });
  await t.step("an unknown strategy is an error", () => {
    assert.throws(
      () => calibrationCurve([0, 1], [0.1, 0.9], 2, "decile" as "uniform"),
      /invalid strategy "decile"/,
    );
  });
});

Deno.test("topFraction()", async (t) => {
  await t.step("hand-computed top decile of 20 rows", () => {
    // Top 2 scores hold 1 positive; prevalence 4/20 → precision 0.5, lift 2.5.
    const score = Array.from({ length: 20 }, (_, i) => 1 - i / 20);
    const y = score.map((_, i) => (i === 0 || i === 5 || i === 9 || i === 15 ? 1 : 0));
    assert.deepEqual(topFraction(y, score, 0.1), { k: 2, positives: 1, precision: 0.5, lift: 2.5 });
  });
  await t.step("ties at the cut count in proportion, so row order does not matter", () => {
    fc.assert(
      fc.property(labelled, fc.double({ min: 0.05, max: 1, noNaN: true }), ([y, p], f) => {
        const a = topFraction(y, p, f);
        const rev = topFraction([...y].reverse(), [...p].reverse(), f);
        assert.ok(near(a.precision, rev.precision));
        assert.ok(a.precision >= 0 && a.precision <= 1);
        assert.equal(a.k, Math.max(1, Math.ceil(Number((f * y.length).toFixed(9)))));
      }),
      { numRuns: 200, seed: 8 },
    );
  });
  await t.step("the whole list has lift 1; 0.1 of 300 rows is 30", () => {
    assert.deepEqual(topFraction([1, 0, 0, 1], [0.4, 0.3, 0.2, 0.1], 1), {
      k: 4,
      positives: 2,
      precision: 0.5,
      lift: 1,
    });
    assert.equal(topFraction(new Array(300).fill(0), new Array(300).fill(0.5), 0.1).k, 30);
    assert.equal(topFraction(new Array(300).fill(0), new Array(300).fill(0.5), 0.1).lift, null);
  });
});

Deno.test("logLoss()", async (t) => {
  await t.step("hand-computed", () => {
    assert.ok(
      near(logLoss([1, 0, 1], [0.5, 0.2, 0.9]), -(Math.log(0.5) + Math.log(0.8) + Math.log(0.9)) / 3),
    );
  });
  await t.step("a confident miss is large but finite", () => {
    assert.ok(near(logLoss([1], [0]), -Math.log(Number.EPSILON)));
  });
});

Deno.test("calibrationSlope()", async (t) => {
  await t.step("predictions drawn from their own probabilities have slope ≈ 1 and intercept ≈ 0", () => {
    let a = 17;
    const u = () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
    const p = Array.from({ length: 20000 }, () => 1 / (1 + Math.exp(-(4 * u() - 2))));
    const y = p.map((pi) => (u() < pi ? 1 : 0));
    const cs = calibrationSlope(y, p)!;
    // Standard error of the slope here is about 0.03.
    assert.ok(Math.abs(cs.slope - 1) < 0.1, `slope ${cs.slope}`);
    assert.ok(Math.abs(cs.intercept) < 0.1, `intercept ${cs.intercept}`);
    // Doubling the log-odds makes predictions too extreme: the slope halves.
    const extreme = p.map((pi) => 1 / (1 + ((1 - pi) / pi) ** 2));
    assert.ok(Math.abs(calibrationSlope(y, extreme)!.slope - cs.slope / 2) < 1e-6);
  });
  await t.step("undefined cases give null", () => {
    assert.equal(calibrationSlope([0, 1, 1], [0.3, 0.3, 0.3]), null);
    assert.equal(calibrationSlope([1, 1], [0.2, 0.6]), null);
    assert.equal(calibrationSlope([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]), null);
  });
});
