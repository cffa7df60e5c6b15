import assert from "node:assert/strict";
import fc from "fast-check";
import { gammaCdf, garwoodInterval } from "../../../src/lib/utilization/poisson_interval.ts";

const close = (a: number, b: number, tol = 1e-5) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

Deno.test("garwoodInterval()", async (t) => {
  await t.step("matches published exact Poisson limits (95%)", () => {
    // x = 0: upper = −ln(0.025) = 3.688879; x = 1: χ²(.025; 2)/2 = −ln(0.975) = 0.025318,
    // χ²(.975; 4)/2 = 5.571643; x = 10: 4.795389 and 18.390356 (standard tables of exact limits).
    const zero = garwoodInterval(0, 1);
    close(zero.lower, 0);
    close(zero.upper, 3.688879);
    const one = garwoodInterval(1, 1);
    close(one.lower, 0.025318);
    close(one.upper, 5.571643);
    const ten = garwoodInterval(10, 1);
    close(ten.lower, 4.795389);
    close(ten.upper, 18.390356);
  });
  await t.step("scales by exposure and per", () => {
    // 3 visits in 40 member-months per 1,000 member-years: limits of x = 3 are 0.618672 and 8.767273
    const ci = garwoodInterval(3, 40, { per: 12_000 });
    close(ci.lower, (0.618672 / 40) * 12_000, 1e-3);
    close(ci.upper, (8.767273 / 40) * 12_000, 1e-3);
  });
  await t.step("brackets the rate for any count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.double({ min: 1, max: 1e5, noNaN: true }), (x, e) => {
        const ci = garwoodInterval(x, e);
        return ci.lower <= x / e + 1e-12 && x / e <= ci.upper && ci.lower >= 0;
      }),
    );
  });
  await t.step("rejects bad input with the value", () => {
    assert.throws(() => garwoodInterval(-1, 10), /events must be ≥ 0 \(got -1\)/);
    assert.throws(() => garwoodInterval(1, 0), /exposure must be > 0 \(got 0\)/);
  });
});

Deno.test("gammaCdf()", () => {
  // Gamma(1) is Exp(1): P(1, x) = 1 − e^(−x)
  close(gammaCdf(2, 1), 1 - Math.exp(-2), 1e-12);
  // Gamma(3): P(3, x) = 1 − e^(−x)(1 + x + x²/2); at x = 5: 1 − e^−5·18.5 = 0.875348
  close(gammaCdf(5, 3), 0.875348, 1e-6);
});
