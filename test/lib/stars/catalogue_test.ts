import assert from "node:assert/strict";
import { readCatalogue } from "../../../loaders/stars/reference.ts";
import { catalogueFor, measureByKey, parseCatalogue } from "../../../src/lib/stars/catalogue.ts";
import { catalogue2026 } from "./_cms_2026.ts";

/** The stable keys other modules depend on, with their 2026 and 2025 CMS IDs (TN 2026 and 2025). */
const FIXED_KEYS: [string, string, string][] = [
  ["bcs", "C01", "C01"],
  ["col", "C02", "C02"],
  ["omw", "C10", "C08"],
  ["eed", "C11", "C09"],
  ["gsd", "C12", "C10"],
  ["ked", "C13", ""],
  ["cbp", "C14", "C11"],
  ["pcr", "C18", "C15"],
  ["spc", "C19", "C16"],
  ["fmc", "C21", "C18"],
  ["pdc_diabetes", "D08", "D08"],
  ["pdc_ras", "D09", "D09"],
  ["pdc_statins", "D10", "D10"],
  ["supd", "D12", "D12"],
];

Deno.test("measure catalogue: 2026 (default) as in TN Attachment G", async (t) => {
  await t.step("45 measures, 33 Part C and 12 Part D, with the 2026 IDs and names of CMS's files", () => {
    assert.equal(catalogue2026.measures.length, 45);
    assert.equal(catalogue2026.measures.filter((m) => m.part === "C").length, 33);
    assert.equal(catalogue2026.measures.filter((m) => m.part === "D").length, 12);
    for (const [key, id2026] of FIXED_KEYS) assert.equal(measureByKey(catalogue2026, key).cmsId, id2026, key);
  });
  await t.step(
    "weights: improvement 5, outcomes 3, experience/complaints/access 2, process and new 1",
    () => {
      const w = (key: string) => measureByKey(catalogue2026, key).weight;
      assert.deepEqual(
        [
          "improvement_c",
          "pcr",
          "gsd",
          "pdc_statins",
          "rating_health_plan",
          "complaints_plan",
          "appeals_timely",
          "bcs",
        ]
          .map(w),
        [5, 3, 3, 3, 2, 2, 2, 1],
      );
      assert.deepEqual(["physical_health", "mental_health", "ked"].map(w), [1, 1, 1]);
      assert.deepEqual(catalogue2026.measures.filter((m) => m.newMeasure).map((m) => m.cmsId), [
        "C04",
        "C05",
        "C13",
      ]);
      const total = (part: string) =>
        catalogue2026.measures.filter((m) => m.part === part).reduce((s, m) => s + m.weight, 0);
      assert.equal(total("C"), 54);
      assert.equal(total("D"), 27);
      // The overall rating counts complaints and disenrollment once: 41 measures plus 2 improvement measures.
      assert.equal(catalogue2026.measures.filter((m) => m.inOverall).length, 43);
    },
  );
  await t.step("lower-is-better measures and display precision", () => {
    assert.deepEqual(
      catalogue2026.measures.filter((m) => m.direction === "lower").map((m) => m.cmsId),
      ["C18", "C28", "C29", "D02", "D03"],
    );
    assert.equal(catalogue2026.byCmsId.get("C28")!.precision, 2);
    assert.equal(catalogue2026.byCmsId.get("D04")!.precision, 6);
  });
});

Deno.test("measure catalogue: 2025 expresses the earlier IDs and the weight-4 patient experience", async () => {
  const c2025 = await readCatalogue(2025);
  assert.equal(c2025.measures.length, 42);
  for (const [key, , id2025] of FIXED_KEYS) {
    if (id2025) assert.equal(measureByKey(c2025, key).cmsId, id2025, key);
    else assert.throws(() => measureByKey(c2025, key), /Star year 2025 has no measure "ked"/);
  }
  const w = (key: string) => measureByKey(c2025, key).weight;
  assert.deepEqual(
    ["getting_needed_care", "complaints_plan", "members_leaving_plan", "appeals_timely", "call_center_d"].map(
      w,
    ),
    [
      4,
      4,
      4,
      4,
      4,
    ],
  );
  assert.deepEqual(["pcr", "gsd", "bcs", "improvement_d"].map(w), [3, 3, 1, 5]);
});

Deno.test("parseCatalogue() and catalogueFor() reject bad rows with a specific error", () => {
  const header =
    "star_year,key,cms_id,name,part,domain,category,weight,direction,data_source,improvement_input,cai_input,new_measure,snp_only,in_overall,precision";
  const row = "2026,bcs,C01,Breast Cancer Screening,C,HD1,process,1,higher,hedis,Y,Y,N,N,Y,0";
  assert.equal(parseCatalogue(`${header}\n${row}\n`).length, 1);
  assert.throws(
    () => parseCatalogue(`${header}\n${row.replace(",1,higher", ",x,higher")}`),
    /measures\.csv row 2: "weight" must be a whole number ≥ 0 \("x"\)/,
  );
  assert.throws(
    () => parseCatalogue(`${header}\n${row.replace("higher", "up")}`),
    /"direction" must be higher or lower \("up"\)/,
  );
  assert.throws(
    () => parseCatalogue(`${header}\n${row.replace(",C01,", ",D01,")}`),
    /"cms_id" must be a CNN measure ID \("D01"\)/,
  );
  assert.throws(
    () => parseCatalogue(`${header}\n${row.replace(",Y,Y,N", ",yes,Y,N")}`),
    /"improvement_input" must be Y or N/,
  );
  assert.throws(() => parseCatalogue(header.replace(",precision", "")), /column "precision" is missing/);
  assert.throws(
    () => catalogueFor(parseCatalogue(`${header}\n${row}\n${row}`)),
    /measure key "bcs" appears twice/,
  );
  assert.throws(
    () => catalogueFor(parseCatalogue(`${header}\n${row}`), 2019),
    /No measures for Star year 2019 in the catalogue \(years: 2026\)/,
  );
});
