import assert from "node:assert/strict";
import fc from "fast-check";
import { addMonths, isYearMonth } from "../../../models/next_month_risk/year_month.ts";

Deno.test("addMonths()", async (t) => {
  await t.step("crosses year ends both ways", () => {
    assert.equal(addMonths("2025-12", 1), "2026-01");
    assert.equal(addMonths("2026-01", -1), "2025-12");
    assert.equal(addMonths("2025-03", 22), "2027-01");
    assert.equal(addMonths("2025-03", 0), "2025-03");
  });
  await t.step("k months on and k back is the identity, and string order is month order", () => {
    const month = fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(month, fc.integer({ min: -600, max: 600 }), (m, k) => {
        const moved = addMonths(m, k);
        assert.ok(isYearMonth(moved));
        assert.equal(addMonths(moved, -k), m);
        assert.equal(Math.sign(moved.localeCompare(m)), Math.sign(k));
      }),
      { numRuns: 300, seed: 17 },
    );
  });
  await t.step("rejects a month that is not YYYY-MM", () => {
    assert.throws(() => addMonths("2025-13", 1), /"2025-13" is not a YYYY-MM month/);
  });
});
