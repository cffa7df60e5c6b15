import assert from "node:assert/strict";
import { readCutPoints, readMeasureData } from "../../../loaders/stars/_read_scores.ts";

const dir = new URL("../../../data/reference/cms-2026/", import.meta.url);
const cms = (name: string) =>
  Deno.readTextFileSync(new URL(`2026 Star Ratings Data Table - ${name} (Oct 8 2025).csv`, dir));

Deno.test("readMeasureData()", async (t) => {
  const scores = readMeasureData(cms("Measure Data"));
  await t.step("one score per contract and measure with a number, pooled MA-PD or PDP", () => {
    const c01 = scores.filter((s) => s.measureId === "C01");
    assert.equal(c01.length, 499);
    assert.deepEqual(scores.find((s) => s.contractId === "H0028" && s.measureId === "C01"), {
      contractId: "H0028",
      pool: "MA-PD",
      measureId: "C01",
      score: 76,
    });
    assert.equal(scores.filter((s) => s.measureId === "D08" && s.pool === "PDP").length, 41);
  });
  await t.step("rejects a file without the measure header row", () => {
    assert.throws(() => readMeasureData("a,b\n1,2\n", "x.csv"), /Cannot read x.csv: no header row/);
  });
});

Deno.test("readCutPoints()", async (t) => {
  const c = new Map(readCutPoints(cms("Part C Cut Points")).map((p) => [p.measureId, p]));
  const d = new Map(readCutPoints(cms("Part D Cut Points")).map((p) => [`${p.measureId}/${p.pool}`, p]));
  await t.step("higher-is-better lower bounds, lower-is-better upper bounds", () => {
    assert.deepEqual(c.get("C01"), {
      measureId: "C01",
      pool: "MA-PD",
      direction: "higher",
      thresholds: [58, 71, 76, 84],
    });
    assert.deepEqual(c.get("C18")!.thresholds, [12, 10, 9, 7]);
    assert.equal(c.get("C18")!.direction, "lower");
    assert.deepEqual(c.get("C33")!.thresholds, [51, 74, 97, 100]); // 5 stars printed as "100%"
  });
  await t.step("Part D pools MA-PD and PDP", () => {
    assert.deepEqual(d.get("D02/PDP")!.thresholds, [0.31, 0.19, 0.1, 0.03]);
    assert.deepEqual(d.get("D11/MA-PD")!.thresholds, [62, 82, 91, 96]);
  });
});
