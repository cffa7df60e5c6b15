import assert from "node:assert/strict";
import { seededRandom } from "../../../src/lib/prng.ts";
import { backtestPatientRisk, CARE_MODELS } from "../../../models/patient_risk/backtest.ts";
import { FEATURE_NAMES, type RiskRow } from "../../../models/patient_risk/features.ts";
import { careVerdict } from "../../../models/patient_risk/verdict.ts";
import { assertGolden, goldenJson, roundDeep } from "../../support/golden.ts";

const ORIGINS = ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01", "2026-04-01"];
const ER = FEATURE_NAMES.indexOf("er_visits_3m");
const CC = FEATURE_NAMES.indexOf("chronic_conditions");
const RX = FEATURE_NAMES.indexOf("rx_coverage_90d");

/**
 * 300 members at six quarterly origins (the last unlabelled). With `signal`, the outcome's
 * log-odds are −3 + 0.9 · chronic conditions − 2 · drug coverage + 0.3 · ER visits (3 months);
 * without, every member has the same 8% chance.
 */
function fixture(signal: boolean): RiskRow[] {
  const random = seededRandom(signal ? 7 : 8);
  return ORIGINS.flatMap((origin, o) =>
    Array.from({ length: 300 }, (_, i) => {
      const x = FEATURE_NAMES.map(() => Math.floor(random() * 3));
      x[CC] = Math.floor(random() * 6);
      x[RX] = Math.round(random() * 10) / 10;
      x[ER] = random() < 0.15 ? 1 : 0;
      const z = signal ? -3 + 0.9 * x[CC]! - 2 * x[RX]! + 0.3 * x[ER]! : Math.log(0.08 / 0.92);
      const y = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      return {
        memberId: `M${String(i).padStart(3, "0")}`,
        contractId: "H0001",
        origin,
        x,
        y: o === ORIGINS.length - 1 ? null : y as 0 | 1,
      };
    })
  );
}

const FAST = { forest: { trees: 5, maxRows: 400 } };

Deno.test("backtestPatientRisk()", async (t) => {
  await t.step("tests the last four labelled origins and pools them", () => {
    const bt = backtestPatientRisk(fixture(true), FAST);
    const origins = [...new Set(bt.rows.map((r) => r.origin))];
    assert.deepEqual(origins, ["2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01", null]);
    assert.equal(bt.rows.filter((r) => r.origin === null).length, CARE_MODELS.length);
  });
  await t.step("planted signal: the golden summary, and both models beat the ER baseline", async () => {
    const bt = backtestPatientRisk(fixture(true), FAST);
    const pooled = Object.fromEntries(
      bt.rows.filter((r) => r.origin === null).map((r) => [r.model, r.evaluation]),
    );
    await assertGolden(
      new URL("../../golden/patient_risk/planted_signal.json", import.meta.url),
      goldenJson(roundDeep({ pooled, tiers: bt.tiers.logistic.length }, 6)),
    );
    assert.ok(pooled.logistic!.rocAuc! > pooled.er_last_3m!.rocAuc! + 0.15);
    assert.ok(pooled.forest!.rocAuc! > pooled.er_last_3m!.rocAuc!);
    assert.match(careVerdict("logistic", pooled as never), /^The logistic regression beats the baseline/);
  });
  await t.step("no signal: the verdict does not claim a win it did not earn", () => {
    const bt = backtestPatientRisk(fixture(false), FAST);
    const pooled = Object.fromEntries(
      bt.rows.filter((r) => r.origin === null).map((r) => [r.model, r.evaluation]),
    );
    assert.ok(Math.abs(pooled.logistic!.rocAuc! - 0.5) < 0.08);
    assert.match(careVerdict("logistic", pooled as never), /NOT/);
  });
});
