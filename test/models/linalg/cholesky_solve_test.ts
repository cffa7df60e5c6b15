import assert from "node:assert/strict";
import fc from "fast-check";
import { choleskySolve } from "../../../models/linalg/cholesky_solve.ts";

Deno.test("choleskySolve()", async (t) => {
  await t.step("solves a hand-computed 3×3 system", () => {
    // A = L Lᵀ with L = [[2,0,0],[1,3,0],[0,2,1]]; x = [1, −1, 2] gives b = A x.
    const a = [[4, 2, 0], [2, 10, 6], [0, 6, 5]];
    const x = choleskySolve(a, [2, 4, 4]);
    [1, -1, 2].forEach((e, i) => assert.ok(Math.abs(x[i]! - e) < 1e-12, `${x}`));
  });

  await t.step("A x reproduces b for random SPD matrices", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
          )
        ),
        ([m, b]) => {
          const n = b.length;
          // A = MᵀM + I is symmetric positive definite.
          const a = Array.from(
            { length: n },
            (_, i) =>
              Array.from({ length: n }, (_, j) => m.reduce((s, r) => s + r[i]! * r[j]!, i === j ? 1 : 0)),
          );
          const x = choleskySolve(a, b);
          a.forEach((row, i) => {
            const ax = row.reduce((s, v, j) => s + v * x[j]!, 0);
            assert.ok(Math.abs(ax - b[i]!) < 1e-8 * (1 + Math.abs(b[i]!)), `${ax} vs ${b[i]}`);
          });
        },
      ),
      { numRuns: 100, seed: 3 },
    );
  });

  await t.step("rejects a matrix that is not positive definite", () => {
    assert.throws(() => choleskySolve([[1, 2], [2, 1]], [0, 0]), /not positive definite \(pivot 1 is -3\)/);
    assert.throws(() => choleskySolve([[1]], [0, 0]), /1×1 but the right-hand side has 2/);
  });
});
