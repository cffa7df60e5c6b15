import assert from "node:assert/strict";
import { checkScenario } from "../../../loaders/stars/check_scenario.ts";

const HEADER = "contract_id,measure_id,measurement_year,star_year,score,precision";

Deno.test("checkScenario()", async (t) => {
  await t.step("accepts the shipped layout", () => {
    checkScenario(`${HEADER}\nH1,C22,2025,2027,84,0\nH1,C28,2025,2027,0.17,2\n`, "s.csv");
  });
  await t.step("names the file, row, column, value and what was expected", () => {
    assert.throws(
      () => checkScenario(`${HEADER}\nH1,C22,2025,2027,84,0\nH1,C28,2025,2027,n/a,2\n`, "s.csv"),
      { message: 'Cannot read s.csv row 3: "score" is "n/a", expected a number' },
    );
    assert.throws(
      () => checkScenario(`${HEADER}\nH1,Getting Needed Care,2025,2027,84,0\n`, "s.csv"),
      /row 2: "measure_id" is "Getting Needed Care", expected a CMS measure ID/,
    );
    assert.throws(
      () => checkScenario(`${HEADER}\nH1,C22,2025,2026,84,0\n`, "s.csv"),
      /row 2: "star_year" is "2026", expected 2027 \(year \+ 2\)/,
    );
    assert.throws(() => checkScenario(`${HEADER}\nH1,C22,2025,2027,84,9\n`, "s.csv"), /"precision" is "9"/);
  });
  await t.step("rejects another header", () => {
    assert.throws(
      () => checkScenario("contract,measure,score\n", "s.csv"),
      /the header is "contract,measure,score"/,
    );
  });
});
