import assert from "node:assert/strict";
import {
  contractKind,
  normaliseText,
  parseCmsCai,
  parseCmsCell,
  parseCmsCutPoints,
  parseCmsMeasureTable,
  parseInterval,
} from "../../../src/lib/stars/cms_tables.ts";
import { cms2026 } from "./_cms_2026.ts";

const WHERE = { file: "f.csv", row: 5, column: 6 };

/** A Measure Data table as CMS writes it: BOM, title row, domain row, "C01: Name" row, periods row. */
const MEASURE_DATA = "\uFEFF2026 Data View: Medicare Report Card Master Table,,,,,,\r\n" +
  'CONTRACT_ID,Organization Type,Contract Name,Organization Marketing Name,Parent Organization,"HD1: Staying Healthy",\r\n' +
  ",,,,,C01: Breast Cancer Screening,C18: Plan All-Cause Readmissions\r\n" +
  ",,,,,01/01/2024 â€“ 12/31/2024,01/01/2024 – 12/31/2024\r\n" +
  'H0001 ,Local CCP ,"ACME, INC. ",Acme ,Acme Inc. ,76%,Plan too small to be measured \r\n' +
  "S0002 ,PDP ,Acme Rx ,Acme ,Acme Inc. ,Plan not required to report measure ,CMS identified issues with this planâ€™s data \r\n";

Deno.test("parseCmsCell(): numbers with units and CMS's text statuses", () => {
  assert.deepEqual(parseCmsCell("76%", WHERE), { value: 76 });
  assert.deepEqual(parseCmsCell(" 0.16 ", WHERE), { value: 0.16 });
  assert.deepEqual(parseCmsCell("-0.121368", WHERE), { value: -0.121368 });
  assert.deepEqual(parseCmsCell("Plan too small to be measured ", WHERE), { status: "too_small" });
  assert.deepEqual(parseCmsCell("CMS identified issues with this plan’s data ", WHERE), {
    status: "cms_identified_issues",
  });
  assert.deepEqual(parseCmsCell("Medicare shows only a Star Rating for this topic", WHERE), {
    status: "star_only",
  });
  assert.throws(
    () => parseCmsCell("n.a.", WHERE),
    /Cannot read f\.csv row 5 column 6: expected a number or a CMS status text \("n\.a\."\)/,
  );
});

Deno.test("normaliseText() repairs mis-decoded dashes and apostrophes", () => {
  assert.equal(
    normaliseText("Care for Older Adults â€“ Medication Review "),
    "Care for Older Adults – Medication Review",
  );
  assert.equal(normaliseText("plan\u0092s  data"), "plan's data");
});

Deno.test("parseCmsMeasureTable(): two-row headers, BOM, trailing spaces, statuses", async (t) => {
  const table = parseCmsMeasureTable(MEASURE_DATA, "data.csv");
  await t.step("measures from the second header row", () => {
    assert.deepEqual(table.measures, [
      { cmsId: "C01", name: "Breast Cancer Screening" },
      { cmsId: "C18", name: "Plan All-Cause Readmissions" },
    ]);
  });
  await t.step("contracts with trimmed fields and parsed cells", () => {
    assert.deepEqual(table.contracts.map((c) => [c.contractId, c.organizationType, c.contractName]), [
      ["H0001", "Local CCP", "ACME, INC."],
      ["S0002", "PDP", "Acme Rx"],
    ]);
    assert.deepEqual(table.contracts[0]!.cells.get("C01"), { value: 76 });
    assert.deepEqual(table.contracts[1]!.cells.get("C18"), { status: "cms_identified_issues" });
  });
  await t.step("malformed files fail with file, row, column and value", () => {
    assert.throws(
      () => parseCmsMeasureTable("a,b\n1,2\n", "x.csv"),
      /Cannot read x\.csv: no header row starting with CONTRACT_ID/,
    );
    assert.throws(
      () => parseCmsMeasureTable(MEASURE_DATA.replace("76%", "seventy"), "data.csv"),
      /Cannot read data\.csv row 5 column 6: expected a number or a CMS status text \("seventy"\)/,
    );
    assert.throws(
      () => parseCmsMeasureTable(MEASURE_DATA.replace("S0002 ", "Total"), "data.csv"),
      /Cannot read data\.csv row 6 column 1: expected a contract ID like H1234 \("Total"\)/,
    );
    assert.throws(
      () =>
        parseCmsMeasureTable(
          MEASURE_DATA.replace(",CMS identified issues with this planâ€™s data ", ""),
          "d.csv",
        ),
      /Cannot read d\.csv row 6 column 7: row ends before measure C18/,
    );
  });
});

Deno.test("parseInterval() and parseCmsCutPoints()", async (t) => {
  await t.step("cells as CMS writes them", () => {
    assert.deepEqual(parseInterval("< 58 % "), { hi: 58, hiInclusive: false });
    assert.deepEqual(parseInterval(">= 58 % to < 71 %"), {
      lo: 58,
      loInclusive: true,
      hi: 71,
      hiInclusive: false,
    });
    assert.deepEqual(parseInterval("> 10 % to <= 12 % "), {
      lo: 10,
      loInclusive: false,
      hi: 12,
      hiInclusive: true,
    });
    assert.deepEqual(parseInterval("<= 0.11 "), { hi: 0.11, hiInclusive: true });
    assert.deepEqual(parseInterval("100%"), { lo: 100, loInclusive: true, hi: 100, hiInclusive: true });
    assert.equal(parseInterval("about 58"), undefined);
  });
  await t.step("the real 2026 Part C and Part D files", () => {
    const c = cms2026.cutPoints!.get("all")!;
    assert.equal(c.size, 33);
    assert.deepEqual(c.get("C01"), { direction: "higher", thresholds: [58, 71, 76, 84] });
    assert.deepEqual(c.get("C18"), { direction: "lower", thresholds: [12, 10, 9, 7] });
    assert.deepEqual(c.get("C28"), { direction: "lower", thresholds: [1.34, 0.71, 0.32, 0.11] });
    assert.deepEqual(c.get("C30"), { direction: "higher", thresholds: [-0.121368, 0, 0.202884, 0.391253] });
    assert.deepEqual(c.get("C31"), { direction: "higher", thresholds: [74, 90, 99, 100] });
    assert.deepEqual(cms2026.cutPoints!.get("MA-PD")!.get("D08"), {
      direction: "higher",
      thresholds: [83, 86, 89, 92],
    });
    assert.deepEqual(cms2026.cutPoints!.get("PDP")!.get("D02"), {
      direction: "lower",
      thresholds: [0.31, 0.19, 0.1, 0.03],
    });
  });
  await t.step("bands that do not tile the scale are rejected", () => {
    const file =
      ",C01: Breast Cancer Screening\n1star ,< 58 %\n2star ,>= 58 % to < 71 %\n3star ,>= 72 % to < 76 %\n" +
      "4star ,>= 76 % to < 84 %\n5star ,>= 84 %\n";
    assert.throws(
      () => parseCmsCutPoints(file, "cut.csv"),
      /cut\.csv all C01: bands must be >= Ts to < Ts\+1/,
    );
    assert.throws(
      () => parseCmsCutPoints(file.replace(">= 72 % to < 76 %", "seventy-two"), "cut.csv"),
      /Cannot read cut\.csv row 4 column 2: expected a cut-point interval/,
    );
  });
});

Deno.test("parseCmsCai(): final adjustment categories and the Puerto Rico flag", () => {
  const text =
    "\uFEFF2026 CAI View,,,,,,,,\nContract Number,Organization Marketing Name,Contract Name,Parent Organization," +
    "Puerto Rico Only,Part C FAC,Part D MA-PD FAC,Part D PDP FAC,Overall FAC\n" +
    'H2029 ,Humana ,"HUMANA, INC. ",Humana Inc. ,Yes ,6,3,N/A ,5\n';
  assert.deepEqual(parseCmsCai(text, "cai.csv"), [
    {
      contractId: "H2029",
      puertoRicoOnly: true,
      partCFac: 6,
      partDMaPdFac: 3,
      partDPdpFac: null,
      overallFac: 5,
    },
  ]);
  assert.throws(
    () => parseCmsCai(text.replace(",6,3,", ",six,3,"), "cai.csv"),
    /cai\.csv row 3 column 6: expected a category number or N\/A \("six"\)/,
  );
  assert.throws(
    () => parseCmsCai(text.replace("Overall FAC", "Total"), "cai.csv"),
    /column "Overall FAC" is missing/,
  );
  assert.equal(cms2026.cai.length, 769);
  assert.equal(cms2026.cai.filter((r) => r.puertoRicoOnly).length, 7);
});

Deno.test("contractKind() maps CMS organisation types", () => {
  assert.deepEqual(
    [
      "Local CCP ",
      "Regional CCP",
      "1876 Cost",
      "MSA",
      "PFFS",
      "PDP",
      "Employer/Union Only Direct Contract PDP",
      "National PACE",
    ]
      .map(contractKind),
    ["ccp", "ccp", "cost", "msa", "pffs", "pdp", "pdp", undefined],
  );
});
