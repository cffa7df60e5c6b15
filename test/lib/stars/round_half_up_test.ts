import assert from "node:assert/strict";
import { roundHalfUp } from "../../../src/lib/stars/round_half_up.ts";

Deno.test("roundHalfUp()", async (t) => {
  await t.step("rounds halves up at the display precision", () => {
    assert.equal(roundHalfUp(83.5, 0), 84);
    assert.equal(roundHalfUp(83.499999, 0), 83);
    assert.equal(roundHalfUp(0.125, 2), 0.13);
    assert.equal(roundHalfUp(1.005, 2), 1.01); // 1.005 is stored as 1.00499999999999989…
    assert.equal(roundHalfUp(60.9, 0), 61);
  });
  await t.step("rounds negative halves away from zero", () => {
    assert.equal(roundHalfUp(-0.5, 0), -1);
    assert.equal(roundHalfUp(-0.1213675, 6), -0.121368);
  });
  await t.step("rejects a precision it cannot honour", () => {
    assert.throws(() => roundHalfUp(1, 1.5), /1.5 decimals/);
  });
});
