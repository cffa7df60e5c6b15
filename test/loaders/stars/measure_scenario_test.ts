import assert from "node:assert/strict";
import {
  nationalScores,
  normalCdf,
  quantile,
  SCENARIO_MEASURES,
  scenarioCsv,
  scenarioRows,
  SHIPPED_SCENARIO,
} from "../../../loaders/stars/measure_scenario.ts";
import { parseCsv as parseCsvRows } from "../../../src/lib/stars/csv.ts";

Deno.test("parseCsvRows()", async (t) => {
  await t.step("quoted commas, doubled quotes and CRLF", () => {
    assert.deepEqual(parseCsvRows('a,"b, c","say ""hi"""\r\n1,,3\n'), [["a", "b, c", 'say "hi"'], [
      "1",
      "",
      "3",
    ]]);
  });
});

Deno.test("quantile() and normalCdf()", async (t) => {
  await t.step("quantile interpolates between order statistics", () => {
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4], 0), 1);
    assert.equal(quantile([1, 2, 3, 4], 1), 4);
    assert.equal(quantile([10, 20, 30], 0.25), 15);
  });
  await t.step("normalCdf at known points", () => {
    assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
    assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
  });
});

Deno.test("nationalScores() on a hand-made Measure Data file", () => {
  const csv = [
    "\uFEFFtitle,,,",
    "CONTRACT_ID,Organization Type,HD1,",
    ",,C01: Breast Cancer Screening,C28: Complaints about the Health Plan",
    ",,01/01/2024,01/01/2024",
    "H1 ,Local CCP ,74% ,0.24",
    "H2 ,Local CCP ,Not enough data available ,0.5",
    "S3 ,PDP ,90% ,0.01",
    "H4 ,Regional CCP ,61%,",
  ].join("\n");
  const scores = nationalScores(csv);
  assert.deepEqual(scores.get("C01"), [61, 74]);
  assert.deepEqual(scores.get("C28"), [0.24, 0.5]);
  assert.throws(() => nationalScores("a\nb\nc\n"), /row 3 does not name the measures/);
});

Deno.test("scenarioRows() for the shipped scenario", async (t) => {
  const national = nationalScores(await Deno.readTextFile(SHIPPED_SCENARIO.measureData));
  const rows = scenarioRows(national, SHIPPED_SCENARIO);
  await t.step("reproduces data/synthetic/contract_measure_scenario.csv byte for byte", async () => {
    assert.equal(scenarioCsv(rows), await Deno.readTextFile(SHIPPED_SCENARIO.out));
  });
  await t.step("one row per contract × measure × year, each score inside the national range", () => {
    assert.equal(rows.length, 4 * SCENARIO_MEASURES.length * 3);
    for (const r of rows) {
      const s = national.get(r.measure_id)!;
      assert.ok(
        r.score >= s[0]! && r.score <= s[s.length - 1]!,
        `${r.contract_id} ${r.measure_id} ${r.score}`,
      );
      assert.equal(r.star_year, r.measurement_year + 2);
    }
  });
  await t.step("the same seed gives the same rows, another seed other rows", () => {
    assert.deepEqual(scenarioRows(national, SHIPPED_SCENARIO), rows);
    assert.notDeepEqual(scenarioRows(national, { ...SHIPPED_SCENARIO, seed: 7 }), rows);
  });
});
