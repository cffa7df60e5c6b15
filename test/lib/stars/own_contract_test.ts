import assert from "node:assert/strict";
import {
  catalogueFromRows,
  cutPointsFromRows,
  measureStatesFromRates,
  ownContext,
  ownProfile,
} from "../../../src/lib/stars/own_contract.ts";
import { catalogue2026 } from "./_cms_2026.ts";

const yn = (b: boolean) => b ? "Y" : "N";
const catalogueRows = catalogue2026.measures.map((m) => ({
  star_year: m.year,
  key: m.key,
  cms_id: m.cmsId,
  name: m.name,
  part: m.part,
  domain: m.domain,
  category: m.category,
  weight: m.weight,
  direction: m.direction,
  data_source: m.dataSource,
  improvement_input: yn(m.improvementInput),
  cai_input: yn(m.caiInput),
  new_measure: yn(m.newMeasure),
  snp_only: yn(m.snpOnly),
  in_overall: yn(m.inOverall),
  precision: BigInt(m.precision),
}));

Deno.test("catalogueFromRows()", async (t) => {
  await t.step("rebuilds the catalogue measures.csv gives (BigInt columns as Parquet gives them)", () => {
    assert.deepEqual(catalogueFromRows(catalogueRows).measures, catalogue2026.measures);
  });
  await t.step("a bad flag names the table, row, column and value", () => {
    const rows = catalogueRows.map((r, i) => i === 2 ? { ...r, cai_input: "yes" } : r);
    assert.throws(
      () => catalogueFromRows(rows),
      /Cannot read stars_catalogue row 3: "cai_input" must be Y or N \("yes"\)/,
    );
  });
});

Deno.test("cutPointsFromRows(): Part C from pool all, Part D from the contract's pool", () => {
  const rows = [
    { measure_key: "bcs", pool: "all", direction: "higher", t2: 58, t3: 71, t4: 76, t5: 84 },
    { measure_key: "pdc_statins", pool: "MA-PD", direction: "higher", t2: 80, t3: 85, t4: 88, t5: 91 },
    { measure_key: "pdc_statins", pool: "PDP", direction: "higher", t2: 81, t3: 86, t4: 89, t5: 92 },
  ];
  assert.deepEqual(
    [...cutPointsFromRows(rows)],
    [
      ["bcs", { direction: "higher", thresholds: [58, 71, 76, 84] }],
      ["pdc_statins", { direction: "higher", thresholds: [80, 85, 88, 91] }],
    ],
  );
  assert.deepEqual(cutPointsFromRows(rows, true).get("pdc_statins")?.thresholds, [81, 86, 89, 92]);
  assert.throws(
    () => cutPointsFromRows([{ ...rows[0], t4: null }]),
    /stars_cut_points_2026 row 1: "t4" must be a number \(null\)/,
  );
});

Deno.test("measureStatesFromRates()", async (t) => {
  const rows = [
    {
      contract_id: "H9901",
      measure_id: "C01",
      star_year: 2026,
      denominator: 624n,
      numerator: 485n,
      rate: 78,
    },
    {
      contract_id: "H9901",
      measure_id: "C03",
      star_year: 2026,
      denominator: null,
      numerator: null,
      rate: 61,
    },
    {
      contract_id: "H9901",
      measure_id: "C01",
      star_year: 2027,
      denominator: 600n,
      numerator: 500n,
      rate: 83,
    },
    {
      contract_id: "H9902",
      measure_id: "C01",
      star_year: 2026,
      denominator: 369n,
      numerator: 238n,
      rate: 64,
    },
    { contract_id: "H9901", measure_id: "C13", star_year: 2026, denominator: 0n, numerator: 0n, rate: null },
    {
      contract_id: "H9901",
      measure_id: "D10",
      star_year: 2026,
      denominator: 1237n,
      numerator: 1087n,
      rate: 88,
    },
  ];
  await t.step("keeps the contract's rows of the year, rates with numerator and denominator", () => {
    assert.deepEqual(measureStatesFromRates(rows, catalogue2026, "H9901"), [
      { key: "bcs", score: (100 * 485) / 624, numerator: 485, denominator: 624 },
      { key: "flu_vaccine", score: 61 },
      { key: "pdc_statins", score: (100 * 1087) / 1237, numerator: 1087, denominator: 1237 },
    ]);
    assert.deepEqual(measureStatesFromRates(rows, catalogue2026, "H9901", 2027), [
      { key: "bcs", score: (100 * 500) / 600, numerator: 500, denominator: 600 },
    ]);
  });
  await t.step("a numerator above the denominator is an error", () => {
    assert.throws(
      () => measureStatesFromRates([{ ...rows[0], numerator: 700n }], catalogue2026, "H9901"),
      /contract_measure_rates row 1: "numerator" must be 0 to the denominator 624 \(700\)/,
    );
  });
  await t.step("the profile offers Part D when a Part D measure is present; no SNP, no CAI", () => {
    const states = measureStatesFromRates(rows, catalogue2026, "H9901");
    const p = ownProfile("H9901", states, catalogue2026);
    assert.equal(p.offersPartD, true);
    assert.equal(p.snp, false);
    assert.deepEqual(p.fac, { part_c: null, part_d: null, overall: null });
    assert.equal(ownProfile("H9901", states.slice(0, 2), catalogue2026).offersPartD, false);
    assert.equal(ownContext(catalogue2026, new Map(), "H9901", states).rules.year, 2026);
  });
});
