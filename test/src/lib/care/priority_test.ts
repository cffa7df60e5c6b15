import assert from "node:assert/strict";
import { gapPriority } from "../../../../src/lib/care/priority.ts";

Deno.test("gapPriority()", async (t) => {
  await t.step("weight × 1/needed × probability", () => {
    assert.deepEqual(gapPriority(3, 4, 0.2), 0.15000000000000002);
    assert.deepEqual(gapPriority(1, 1, 0.5), 0.5);
  });
  await t.step("a measure with no next star keeps 1% of its weight", () => {
    assert.deepEqual(gapPriority(3, null, 0.5), 0.015);
  });
  await t.step("rejects a probability above 1", () => {
    assert.throws(() => gapPriority(1, 1, 1.5), (e: Error) => e.message.includes("1.5"));
  });
});
