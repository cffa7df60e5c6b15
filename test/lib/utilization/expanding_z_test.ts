import assert from "node:assert/strict";
import fc from "fast-check";
import { expandingZ } from "../../../src/lib/utilization/expanding_z.ts";

Deno.test("expandingZ()", async (t) => {
  await t.step("hand example", () => {
    // month 1: values 1, 3 (w 1, 1): μ = 2, σ = 1 → z = −1, +1
    // months ≤ 2 add 2 (w 2): μ = (1 + 3 + 4)/4 = 2, σ² = (1 + 1 + 0)/4 = 0.5 → z(2) = 0
    // month 2 value 4.5 (w 0) is scored but carries no weight: z = 2.5/√0.5 = 3.54 → clipped to 3
    const z = expandingZ([
      { month: "2024-01", value: 1, weight: 1 },
      { month: "2024-01", value: 3, weight: 1 },
      { month: "2024-02", value: 2, weight: 2 },
      { month: "2024-02", value: 4.5, weight: 0 },
      { month: "2024-02", value: null, weight: 5 },
    ]);
    assert.deepEqual(z, [-1, 1, 0, 3, null]);
  });
  await t.step("no future leak: changing a later month leaves earlier z unchanged", () => {
    const obs = fc.record({
      month: fc.constantFrom("2024-01", "2024-02", "2024-03", "2024-04"),
      value: fc.double({ min: -100, max: 100, noNaN: true }),
      weight: fc.double({ min: 0.1, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(obs, { minLength: 1, maxLength: 40 }),
        fc.array(obs, { maxLength: 10 }),
        (rows, later) => {
          const cut = "2024-02";
          const early = rows.filter((r) => r.month <= cut);
          const lateA = rows.filter((r) => r.month > cut);
          const lateB = later.map((r) => ({ ...r, month: r.month > cut ? r.month : "2024-03" }));
          const a = expandingZ([...early, ...lateA]).slice(0, early.length);
          const b = expandingZ([...early, ...lateB]).slice(0, early.length);
          assert.deepEqual(a, b);
        },
      ),
    );
  });
});
