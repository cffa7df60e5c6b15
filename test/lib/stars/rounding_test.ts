import assert from "node:assert/strict";
import fc from "fast-check";
import { parseCsv } from "../../../src/lib/stars/csv.ts";
import { roundHalfUp, roundToHalfStar } from "../../../src/lib/stars/rounding.ts";

Deno.test("roundHalfUp(): half away from zero at display precision", () => {
  assert.deepEqual(
    [83.5, 83.499999, 0.285, 0.115, -0.5, 1e-7].map((x, i) => roundHalfUp(x, [0, 0, 2, 2, 0, 0][i]!)),
    [
      84,
      83,
      0.29,
      0.12,
      -1,
      0,
    ],
  );
  assert.equal(roundHalfUp(-0.1213685, 6), -0.121369);
  assert.throws(() => roundHalfUp(NaN, 0), /Cannot round NaN/);
});

Deno.test("roundToHalfStar(): TN Table 22 boundaries at x.25 and x.75", () => {
  const cases: [number, number][] = [
    [0.75, 1],
    [1.249999, 1],
    [1.25, 1.5],
    [3.249999, 3],
    [3.25, 3.5],
    [3.7499994, 3.5],
    [3.7499995, 4], // six decimals first: 3.75
    [3.75, 4],
    [4.249999, 4],
    [4.25, 4.5],
    [4.75, 5],
    [5.3, 5],
  ];
  for (const [x, stars] of cases) assert.equal(roundToHalfStar(x), stars, String(x));
  fc.assert(
    fc.property(fc.double({ min: 1, max: 5, noNaN: true }), (x) => {
      const r = roundToHalfStar(x);
      assert.ok(Number.isInteger(r * 2) && Math.abs(r - x) <= 0.25 + 1e-6);
    }),
    { seed: 3, numRuns: 500 },
  );
});

Deno.test("parseCsv(): quotes, embedded commas and line breaks, CRLF, BOM", () => {
  assert.deepEqual(parseCsv('\uFEFFa,"b, c"\r\n"x\ny","say ""hi"""\n,\n'), [["a", "b, c"], [
    "x\ny",
    'say "hi"',
  ], ["", ""]]);
  assert.deepEqual(parseCsv("a,b"), [["a", "b"]]);
});

Deno.test("roundHalfUp(): binary noise and the precision it can honour", async (t) => {
  await t.step("1.005 is stored as 1.00499999999999989… and still rounds up", () => {
    assert.equal(roundHalfUp(1.005, 2), 1.01);
    assert.equal(roundHalfUp(0.125, 2), 0.13);
    assert.equal(roundHalfUp(60.9, 0), 61);
    assert.equal(roundHalfUp(-0.1213675, 6), -0.121368);
  });
  await t.step("rejects a precision it cannot honour", () => {
    assert.throws(() => roundHalfUp(1, 1.5), /Cannot round to 1.5 decimals/);
    assert.throws(() => roundHalfUp(1, -1), /Cannot round to -1 decimals/);
  });
});
