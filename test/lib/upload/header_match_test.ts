import assert from "node:assert/strict";
import { readCatalogue } from "../../../loaders/stars/reference.ts";
import {
  layoutFingerprint,
  matchHeader,
  matchHeaders,
  normaliseHeader,
} from "../../../src/lib/upload/header_match.ts";

const catalogue = await readCatalogue(2026);

Deno.test("normaliseHeader()", () => {
  assert.equal(normaliseHeader("  Breast Cancer Screening (%) "), "breast cancer screening");
  assert.equal(
    normaliseHeader("Care for Older Adults \u0096 Medication Review"),
    "care for older adults medication review",
  );
  assert.equal(
    normaliseHeader("Care for Older Adults \\x96 Medication Review"),
    "care for older adults medication review",
  );
  assert.equal(
    normaliseHeader("Care for Older Adults â€“ Medication Review"),
    "care for older adults medication review",
  );
  assert.equal(normaliseHeader("Contract_ID"), "contract id");
});

Deno.test("matchHeader()", async (t) => {
  await t.step("measure headers in every variant map to one stable key", () => {
    for (
      const h of [
        "C01: Breast Cancer Screening",
        "Breast Cancer Screening",
        "breast cancer screening %",
        "BREAST_CANCER_SCREENING ",
        "bcs",
        "C01",
      ]
    ) assert.deepEqual(matchHeader(h, catalogue), { kind: "measure", key: "bcs" }, h);
    assert.deepEqual(matchHeader("Care for Older Adults \u0096 Medication Review", catalogue), {
      kind: "measure",
      key: "coa_medication_review",
    });
    assert.deepEqual(matchHeader("D10: Medication Adherence for Cholesterol (Statins)", catalogue), {
      kind: "measure",
      key: "pdc_statins",
    });
  });
  await t.step("the code wins over the name; names CMS uses twice are ambiguous", () => {
    assert.deepEqual(matchHeader("C29: Members Choosing to Leave the Plan", catalogue), {
      kind: "measure",
      key: "members_leaving_plan",
    });
    assert.deepEqual(matchHeader("Members Choosing to Leave the Plan", catalogue), [
      "members_leaving_plan",
      "members_leaving_drug_plan",
    ]);
    assert.deepEqual(matchHeader("Flu shots 2024", catalogue), []);
  });
  await t.step("contract and member fields", () => {
    assert.deepEqual(matchHeader("Contract Number", catalogue), { kind: "contract_id" });
    assert.deepEqual(matchHeader("CONTRACT_ID ", catalogue), { kind: "contract_id" });
    assert.deepEqual(matchHeader("Member ID", catalogue), { kind: "member_id" });
  });
});

Deno.test("matchHeaders(): unmatched columns, and a remembered mapping fills them", () => {
  const headers = ["contract_id", "Flu shots 2024", "Members Choosing to Leave the Plan", ""];
  const first = matchHeaders(headers, catalogue);
  assert.deepEqual(first.roles, [{ kind: "contract_id" }, undefined, undefined, undefined]);
  assert.deepEqual(first.unmatched, [
    { column: 1, header: "Flu shots 2024", candidates: [] },
    {
      column: 2,
      header: "Members Choosing to Leave the Plan",
      candidates: ["members_leaving_plan", "members_leaving_drug_plan"],
    },
  ]);
  const second = matchHeaders(headers, catalogue, { "1": "measure:flu_vaccine", "2": "" });
  assert.deepEqual(second.roles, [
    { kind: "contract_id" },
    { kind: "measure", key: "flu_vaccine" },
    undefined,
    undefined,
  ]);
  assert.deepEqual(second.unmatched, []);
});

Deno.test("layoutFingerprint(): same normalised headers, same layout", () => {
  assert.equal(layoutFingerprint(["Contract ID", "BCS %"]), layoutFingerprint(["contract_id", " bcs"]));
  assert.notEqual(layoutFingerprint(["contract_id", "bcs"]), layoutFingerprint(["bcs", "contract_id"]));
  assert.match(layoutFingerprint([]), /^[0-9a-f]{8}$/);
});
