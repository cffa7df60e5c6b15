import assert from "node:assert/strict";
import { cutPointAgreement } from "../../../loaders/validation/cut_point_agreement.ts";
import { readGoldenCutPoints } from "../../../loaders/validation/step.ts";

Deno.test("cutPointAgreement()", async (t) => {
  await t.step("counts exact and within-one thresholds, Part C's pool 'all' matching any pool", () => {
    // gaps 0, 2, 0, 1 → exact 2, within one 3; D08 PDP: gaps 0, 0, 5, null → compared 3, exact 2
    const a = cutPointAgreement(
      [
        { cms_id: "C01", pool: "MA-PD", t: [58, 69, 76, 83] },
        { cms_id: "D08", pool: "PDP", t: [80, 85, 90, null] },
        { cms_id: "D08", pool: "MA-PD", t: [1, 2, 3, 4] },
      ],
      [
        { cms_id: "C01", pool: "all", t: [58, 71, 76, 84] },
        { cms_id: "D08", pool: "PDP", t: [80, 85, 95, 97] },
      ],
    );
    assert.deepEqual(a, { compared: 7, exact: 4, withinOne: 5 });
  });
  await t.step("compares nothing without a published measure", () => {
    assert.deepEqual(
      cutPointAgreement([{ cms_id: "C99", pool: "all", t: [1, 2, 3, 4] }], []),
      { compared: 0, exact: 0, withinOne: 0 },
    );
  });
});

Deno.test("readGoldenCutPoints()", async (t) => {
  await t.step("reads the final thresholds by column name", () => {
    const rows = readGoldenCutPoints(
      "measure_id,pool,final_t2,final_t3,final_t4,final_t5\nC01,MA-PD,58,69,,83\n",
    );
    assert.deepEqual(rows, [{ cms_id: "C01", pool: "MA-PD", t: [58, 69, null, 83] }]);
  });
  await t.step("names the row and cell of a value that is not a number", () => {
    assert.throws(
      () =>
        readGoldenCutPoints("measure_id,pool,final_t2,final_t3,final_t4,final_t5\nC01,MA-PD,58,x9,70,83\n"),
      /row 2: column 4 is "x9", not a number/,
    );
  });
  await t.step("names a missing column", () => {
    assert.throws(() => readGoldenCutPoints("measure_id,pool,t2\n"), /no "final_t2" column/);
  });
});
