/** assistantMember(): hand-made member rows → the endpoint's member object, with no identifier. */
import assert from "node:assert/strict";
import { assistantMember, reasonValue } from "../../src/components/assistant_member.ts";
import { careContextOf } from "../../loaders/genai/redact.ts";

const RISK = {
  member_id: "M000123",
  contract_id: "H9901",
  caretaker: "North care team 2",
  probability: 0.62,
  reason_1: "2 ER visit(s) in the last 3 months",
  reason_2: "lowest drug-class supply coverage 45% in the last 90 days",
  reason_3: "no primary-care visit in 6 months",
};
const GAPS = [
  {
    member_id: "M000123",
    measure_key: "col",
    measure_name: "Colorectal Cancer Screening",
    due_date: "2026-12-31",
  },
  { member_id: "M000123", measure_key: "pdc_statins", measure_name: "Statin Adherence", pdc: 0.71 },
  { member_id: "M000123", measure_key: "col", measure_name: "Colorectal Cancer Screening" },
];

Deno.test("reasonValue() reads the number a reason is about", () => {
  assert.equal(reasonValue("2 ER visit(s) in the last 3 months"), 2);
  assert.equal(reasonValue("lowest drug-class supply coverage 45% in the last 90 days"), 0.45);
  assert.equal(reasonValue("age 78"), 78);
  assert.equal(reasonValue("female"), 1);
  assert.equal(reasonValue("no primary-care visit in 6 months"), 1);
});

Deno.test("assistantMember() keeps only gaps, risk score and reasons", () => {
  const member = assistantMember(RISK, GAPS);
  assert.deepEqual(member, {
    gaps: [
      { measure_key: "col", measure_name: "Colorectal Cancer Screening" },
      { measure_key: "pdc_statins", measure_name: "Statin Adherence" },
    ],
    risk_score: 0.62,
    reasons: [
      { reason: "2 ER visit(s) in the last 3 months", value: 2 },
      { reason: "lowest drug-class supply coverage 45% in the last 90 days", value: 0.45 },
      { reason: "no primary-care visit in 6 months", value: 1 },
    ],
  });
  assert.ok(!JSON.stringify(member).includes("M000123"));
  assert.ok(!JSON.stringify(member).includes("H9901"));
  // The endpoint's reducer accepts it as is: nothing to drop, nothing to remove.
  const reduced = careContextOf(member);
  assert.deepEqual(reduced.care, member);
  assert.equal(reduced.removed, 0);
});

Deno.test("assistantMember() without a risk row or reasons sends gaps only", () => {
  assert.deepEqual(assistantMember(undefined, []), { gaps: [], reasons: [] });
  assert.deepEqual(assistantMember({ probability: null, reason_1: "", reason_2: null }, GAPS.slice(1, 2)), {
    gaps: [{ measure_key: "pdc_statins", measure_name: "Statin Adherence" }],
    reasons: [],
  });
});
