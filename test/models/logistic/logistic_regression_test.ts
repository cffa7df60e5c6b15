import assert from "node:assert/strict";
import fc from "fast-check";
import {
  fitLogisticRegression,
  predictLogOdds,
  predictProbability,
} from "../../../models/logistic/logistic_regression.ts";
import { readNumericCsv, rowsOf } from "../../support/read_csv.ts";

interface GoldenFit {
  C: number;
  intercept_std: number;
  coefficients_std: number[];
  intercept: number;
  coefficients: number[];
  probabilities_first5: number[];
}
interface Golden {
  means: number[];
  scales: number[];
  fits: GoldenFit[];
}

const FIXTURES = ["separable", "imbalanced", "collinear", "constant_column"];

function closeTo(actual: readonly number[], expected: readonly number[], tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)), `${what}[${i}]: ${a} vs ${e}`);
  });
}

Deno.test("fitLogisticRegression() matches scikit-learn's newton-cholesky fit", async (t) => {
  for (const name of FIXTURES) {
    const cols = readNumericCsv(new URL(`../../input/logistic/${name}.csv`, import.meta.url));
    const features = Object.keys(cols).filter((c) => c !== "y");
    const x = rowsOf(cols, features);
    const y = cols.y!;
    const golden: Golden = JSON.parse(
      Deno.readTextFileSync(new URL(`../../golden/logistic/${name}.json`, import.meta.url)),
    );
    for (const g of golden.fits) {
      await t.step(`${name}, C = ${g.C}`, () => {
        const m = fitLogisticRegression(x, y, { C: g.C });
        assert.equal(m.converged, true);
        closeTo(m.standardizer.means, golden.means, 1e-12, "means");
        closeTo(m.standardizer.scales, golden.scales, 1e-12, "scales");
        closeTo(
          [m.interceptStd, ...m.coefficientsStd],
          [g.intercept_std, ...g.coefficients_std],
          1e-6,
          "std",
        );
        closeTo([m.intercept, ...m.coefficients], [g.intercept, ...g.coefficients], 1e-6, "original");
        closeTo(predictProbability(m, x.slice(0, 5)), g.probabilities_first5, 1e-7, "probabilities");
      });
    }
  }
});

Deno.test("fitLogisticRegression()", async (t) => {
  await t.step("a constant column gets a zero coefficient", () => {
    const cols = readNumericCsv(new URL("../../input/logistic/constant_column.csv", import.meta.url));
    const m = fitLogisticRegression(rowsOf(cols, ["x1", "x2", "x3"]), cols.y!, { C: 1 });
    assert.equal(m.coefficientsStd[1], 0);
    assert.equal(m.coefficients[1], 0);
  });

  await t.step("original and standardised scales give the same log-odds", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -50, max: 50, noNaN: true }),
            fc.double({ min: 0, max: 1e4, noNaN: true }),
          ),
          {
            minLength: 6,
            maxLength: 40,
          },
        ),
        (pairs) => {
          const x = pairs.map(([a, b]) => [a, b]);
          const y = pairs.map((_, i) => i % 2);
          const m = fitLogisticRegression(x, y, { C: 0.5 });
          const z = predictLogOdds(m, x);
          x.forEach((row, i) => {
            const raw = m.intercept + m.coefficients[0]! * row[0]! + m.coefficients[1]! * row[1]!;
            assert.ok(Math.abs(raw - z[i]!) <= 1e-8 * Math.max(1, Math.abs(raw)), `${raw} vs ${z[i]}`);
          });
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  await t.step("the gradient of the penalised objective is zero at the returned fit", () => {
    // Independent check of the first-order conditions: Σ(p − y) = 0 and Σ(p − y)zⱼ + βⱼ/C = 0.
    const cols = readNumericCsv(new URL("../../input/logistic/imbalanced.csv", import.meta.url));
    const x = rowsOf(cols, ["x1", "x2", "x3"]);
    const C = 2;
    const m = fitLogisticRegression(x, cols.y!, { C });
    const p = predictProbability(m, x);
    const { means, scales } = m.standardizer;
    const g = [0, 0, 0, 0];
    p.forEach((pi, i) => {
      const r = pi - cols.y![i]!;
      g[0]! += r;
      for (let j = 0; j < 3; j++) g[j + 1]! += r * (x[i]![j]! - means[j]!) / scales[j]!;
    });
    for (let j = 0; j < 3; j++) g[j + 1]! += m.coefficientsStd[j]! / C;
    for (const v of g) assert.ok(Math.abs(v) < 1e-8, `gradient ${g}`);
  });

  await t.step(
    "a fit on 8,000 rows reaches tol 1e-12 although the objective's rounding exceeds the last steps' gain",
    () => {
      let a = 7;
      const u = () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
      const x = Array.from({ length: 8000 }, () => [u() * 2 - 1, 100 + 30 * u(), u() > 0.8 ? 1 : 0, 1]);
      const y = x.map((r) => (u() < 1 / (1 + Math.exp(1.5 - 2 * r[0]!)) ? 1 : 0));
      const m = fitLogisticRegression(x, y, { C: 1, tol: 1e-12 });
      assert.equal(m.converged, true);
      assert.ok(m.iterations < 15, `${m.iterations} iterations`);
    },
  );

  await t.step("a warm start reaches the same optimum in fewer iterations", () => {
    const cols = readNumericCsv(new URL("../../input/logistic/imbalanced.csv", import.meta.url));
    const x = rowsOf(cols, ["x1", "x2", "x3"]);
    const near = fitLogisticRegression(x, cols.y!, { C: 1 });
    const cold = fitLogisticRegression(x, cols.y!, { C: 2 });
    const warm = fitLogisticRegression(x, cols.y!, {
      C: 2,
      initial: [near.interceptStd, ...near.coefficientsStd],
    });
    closeTo(
      [warm.interceptStd, ...warm.coefficientsStd],
      [cold.interceptStd, ...cold.coefficientsStd],
      1e-9,
      "warm",
    );
    assert.ok(warm.iterations < cold.iterations, `${warm.iterations} vs ${cold.iterations}`);
    assert.throws(() => fitLogisticRegression(x, cols.y!, { initial: [0, 1] }), /must hold 4 finite numbers/);
  });

  await t.step("hitting the iteration cap is reported as not converged", () => {
    const cols = readNumericCsv(new URL("../../input/logistic/separable.csv", import.meta.url));
    const m = fitLogisticRegression(rowsOf(cols, ["x1", "x2"]), cols.y!, { C: 1000, maxIter: 2 });
    assert.equal(m.converged, false);
    assert.equal(m.iterations, 2);
    assert.ok(m.gradientMax > 1e-10);
  });

  await t.step("perfectly separable data still converges thanks to the penalty", () => {
    const x = [[0], [1], [2], [3], [4], [5]];
    const m = fitLogisticRegression(x, [0, 0, 0, 1, 1, 1], { C: 1 });
    assert.equal(m.converged, true);
    assert.ok(m.coefficients[0]! > 0);
    const p = predictProbability(m, [[2.5]]);
    assert.ok(Math.abs(p[0]! - 0.5) < 1e-12);
  });

  await t.step("bad input gets a specific error", () => {
    assert.throws(
      () => fitLogisticRegression([[1], [2]], [1, 1]),
      /labels are all 1; both classes are needed/,
    );
    assert.throws(() => fitLogisticRegression([[1], [2]], [0, 2]), /label of row 1 is 2, expected 0 or 1/);
    assert.throws(() => fitLogisticRegression([[1], [NaN]], [0, 1]), /row 1 column 0 is not finite \(NaN\)/);
    assert.throws(() => fitLogisticRegression([[1], [2, 3]], [0, 1]), /row 1 has 2 features, expected 1/);
    assert.throws(() => fitLogisticRegression([[1], [2]], [0, 1], { C: 0 }), /C must be > 0 \(got 0\)/);
    assert.throws(() => fitLogisticRegression([[1], [2]], [0]), /2 rows but 1 labels/);
  });
});
