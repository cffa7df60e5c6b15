import assert from "node:assert/strict";
import {
  adherenceBelowThreshold,
  dischargeWithoutFollowUp,
  erVisitHighRisk,
  gapNearDeadline,
  minusMonths,
  monthWindow,
  tierUp,
} from "../../../loaders/care/alert_rules.ts";

const W = monthWindow("2026-09-30"); // (2026-08-30, 2026-09-30]
const ids = (a: { memberId: string }[]) => a.map((x) => x.memberId);

Deno.test("monthWindow() and minusMonths()", () => {
  assert.deepEqual(W, { start: "2026-08-30", end: "2026-09-30" });
  assert.equal(minusMonths("2026-03-31", 1), "2026-02-28");
  assert.equal(minusMonths("2026-12-31", 3), "2026-09-30");
});

Deno.test("erVisitHighRisk()", async (t) => {
  const tiers = new Map([["A", "high"], ["B", "moderate"], ["C", "high"]] as const);
  await t.step("alerts on a high-risk member's visit inside the window only", () => {
    const visits = [
      { memberId: "A", visitDate: "2026-09-15" }, // high, in window → alert
      { memberId: "B", visitDate: "2026-09-15" }, // moderate → none
      { memberId: "C", visitDate: "2026-08-30" }, // window start is exclusive → none
      { memberId: "C", visitDate: "2026-08-31" }, // → alert
    ];
    const out = erVisitHighRisk(visits, tiers, W);
    assert.deepEqual(ids(out), ["A", "C"]);
    assert.equal(out[1]!.alertDate, "2026-08-31");
  });
});

Deno.test("dischargeWithoutFollowUp()", async (t) => {
  await t.step("alerts 7 days after a discharge with no visit on days 0–7", () => {
    const out = dischargeWithoutFollowUp([
      { memberId: "A", dischargeDate: "2026-09-10", followUpDate: null }, // → 09-17 alert
      { memberId: "B", dischargeDate: "2026-09-10", followUpDate: "2026-09-17" }, // day 7 → followed
      { memberId: "C", dischargeDate: "2026-09-10", followUpDate: "2026-09-18" }, // day 8 → alert
      { memberId: "D", dischargeDate: "2026-09-25", followUpDate: null }, // window not closed → none
      { memberId: "E", dischargeDate: "2026-08-20", followUpDate: null }, // 08-27 before window → none
    ], W);
    assert.deepEqual(ids(out), ["A", "C"]);
    assert.equal(out[0]!.alertDate, "2026-09-17");
  });
});

Deno.test("gapNearDeadline()", async (t) => {
  await t.step("annual gap comes within 3 months of December 31 on September 30", () => {
    const out = gapNearDeadline([
      { memberId: "A", measureKey: "bcs", dueDate: "2026-12-31", openedDate: null }, // 09-30 → alert
      { memberId: "B", measureKey: "bcs", dueDate: "2027-01-31", openedDate: null }, // 10-31 → later
    ], W);
    assert.deepEqual(ids(out), ["A"]);
    assert.equal(out[0]!.alertDate, "2026-09-30");
  });
  await t.step("an event gap opened in the window alerts on its opening day; a passed due date never", () => {
    const out = gapNearDeadline([
      { memberId: "C", measureKey: "fmc", dueDate: "2026-10-03", openedDate: "2026-09-26" }, // → 09-26
      { memberId: "D", measureKey: "fmc", dueDate: "2026-09-20", openedDate: "2026-09-13" }, // passed
      { memberId: "E", measureKey: "fmc", dueDate: "2026-10-03", openedDate: "2026-08-20" }, // opened earlier
    ], W);
    assert.deepEqual(out.map((a) => [a.memberId, a.alertDate]), [["C", "2026-09-26"]]);
  });
});

Deno.test("adherenceBelowThreshold()", async (t) => {
  await t.step("alerts when the estimated PDC a month ago was at least 80% and now is below", () => {
    // Period 200 days, 158 covered (79%); supply ran out 2026-09-10, so 11 of the window's 31 days
    // were covered: a month ago (158 − 11) / (200 − 31) = 147/169 = 87% → alert.
    const base = { measureKey: "pdc_statins", pdc: 0.79, daysCovered: 158, daysInPeriod: 200 };
    const out = adherenceBelowThreshold([
      { memberId: "A", ...base, lastCoveredDate: "2026-09-10" },
      // Covered through the whole window: a month ago (158 − 31)/169 = 75% → already below, none.
      { memberId: "B", ...base, lastCoveredDate: "2026-10-20" },
      // At 80% now → none.
      { memberId: "C", ...base, pdc: 0.8, lastCoveredDate: "2026-09-10" },
    ], W);
    assert.deepEqual(ids(out), ["A"]);
    assert.equal(out[0]!.alertDate, "2026-09-11");
    assert.match(out[0]!.detail, /about 87% to 79%/);
  });
});

Deno.test("tierUp()", async (t) => {
  await t.step("alerts on a move up the order low < moderate < rising < high only", () => {
    const out = tierUp([
      { memberId: "A", tier: "high", tierPrevious: "moderate" },
      { memberId: "B", tier: "moderate", tierPrevious: "high" },
      { memberId: "C", tier: "rising", tierPrevious: "low" },
      { memberId: "D", tier: "low", tierPrevious: null },
      { memberId: "E", tier: "moderate", tierPrevious: "moderate" },
    ], W);
    assert.deepEqual(ids(out), ["A", "C"]);
    assert.equal(out[0]!.detail, "Risk tier moderate → high");
  });
});
