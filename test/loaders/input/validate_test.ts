import assert from "node:assert/strict";
import { ELIGIBILITY, MEDICAL_CLAIMS, MEMBERS, PROVIDERS } from "../../../loaders/contract/schema.ts";
import { KeyTracker } from "../../../loaders/input/load_table.ts";
import { CONTRACT_MAPPING, loadMapping } from "../../../loaders/input/mapping.ts";
import { planTable } from "../../../loaders/input/plan.ts";
import { describeReject } from "../../../loaders/input/rejects.ts";
import { birthDateFromAge, monthEnd, validateRow } from "../../../loaders/input/validate.ts";

const flat = await loadMapping("flat-claims");
const claimsPlan = planTable(
  MEDICAL_CLAIMS,
  flat.tables.get("medical_claims")!,
  ["claim_id", "member_id", "PROV_CODE", "service_date", "period", "is_er", "admission_flag", "net_bill"],
  "claims.csv",
);
const context = { referenceDate: "2024-06-20" };
const values = (plan: typeof claimsPlan, v: unknown[]) =>
  Object.fromEntries(plan.spec.columns.map((c, i) => [c.name, v[i]]));

Deno.test("validateRow() with the flat-claims mapping", async (t) => {
  await t.step("a boolean flag picks the service category; one amount fills paid and allowed", () => {
    const row = validateRow(
      claimsPlan,
      ["F1", "A1", "H1", "2024-01-15", "202401", "Y", "n", "$350"],
      context,
    );
    assert.deepEqual(row.problems, []);
    assert.deepEqual(values(claimsPlan, row.values), {
      claim_id: "F1",
      claim_line_number: 1,
      member_id: "A1",
      provider_id: "H1",
      claim_type: null,
      service_category: "emergency_department",
      place_of_service_code: null,
      service_date: "2024-01-15",
      discharge_date: null,
      paid_date: "2024-01-01",
      diagnosis_code_1: null,
      diagnosis_code_2: null,
      diagnosis_code_3: null,
      procedure_code: null,
      procedure_category: null,
      revenue_center_code: null,
      er_visit: true,
      admitted: false,
      allowed_amount: 350,
      paid_amount: 350,
      claim_status: "paid",
    });
  });

  await t.step("a bad source cell read into two columns is reported once", () => {
    const row = validateRow(
      claimsPlan,
      ["F2", "A1", "H1", "2024-01-15", "202401", "maybe", "0", "1,000"],
      context,
    );
    assert.deepEqual(row.problems.map((p) => [p.column, p.value, p.reason]), [
      ["is_er", "maybe", "not a boolean"],
      ["net_bill", "1,000", "not a number"],
    ]);
  });

  await t.step("ages and genders", () => {
    const members = planTable(MEMBERS, flat.tables.get("members")!, [
      "member_id",
      "company_id",
      "age",
      "gender",
      "join_date",
    ], "members.csv");
    const ok = validateRow(members, ["A1", "CO1", "40", "FEMALE", "2020-01-01"], context);
    assert.deepEqual([ok.values[5], ok.values[6], ok.problems], ["1984-07-01", "F", []]);
    const bad = validateRow(members, ["A2", "CO1", "-3", "x", "2020-01-01"], context);
    assert.deepEqual(bad.problems.map((p) => [p.column, p.value, p.reason, p.expected]), [
      ["age", "-3", "not an age", "an age in whole years from 0 to 130"],
      ["gender", "x", "not an allowed value", "one of F, M"],
    ]);
  });
});

Deno.test("validateRow() row rules and provider labels", () => {
  const eligibility = planTable(
    ELIGIBILITY,
    CONTRACT_MAPPING.tables.get("eligibility")!,
    ELIGIBILITY.columns.map((c) => c.name),
    "e.csv",
  );
  assert.deepEqual(
    validateRow(eligibility, ["M1", "2024-02-01", "2024-01-31", null, null, null], {}).problems,
    [{
      field: "enrollment_end_date",
      column: "enrollment_end_date",
      value: "2024-01-31",
      reason: "enrollment_end_date before enrollment_start_date",
      expected: "on or after 2024-02-01",
    }],
  );
  assert.deepEqual(
    validateRow(eligibility, ["M1", "2024-02-01", "2024-02-01", null, null, null], {}).problems,
    [],
  );

  const members = planTable(MEMBERS, CONTRACT_MAPPING.tables.get("members")!, [
    "member_id",
    "line_of_business",
    "birth_date",
    "sex",
  ], "m.csv");
  const ma = validateRow(members, ["M1", "Medicare Advantage", "1950-01-01", "F"], {});
  assert.deepEqual(ma.problems.map((p) => [p.column, p.reason]), [[
    "contract_id",
    "Medicare Advantage member without contract_id",
  ]]);

  const providers = planTable(
    PROVIDERS,
    CONTRACT_MAPPING.tables.get("providers")!,
    ["provider_id", "town"],
    "p.csv",
  );
  assert.deepEqual(validateRow(providers, ["P1", "  "], {}), {
    values: ["P1", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown"],
    problems: [],
  });
});

Deno.test("KeyTracker keeps the first row of a key and rejects later ones", () => {
  const plan = planTable(PROVIDERS, CONTRACT_MAPPING.tables.get("providers")!, ["provider_id"], "p.csv");
  const keys = new KeyTracker(plan);
  assert.equal(keys.check(1, ["P1"], []), null);
  assert.equal(keys.check(2, ["P2"], []), null);
  assert.deepEqual(keys.check(3, ["P1"], []), {
    field: "provider_id",
    column: "provider_id",
    value: "P1",
    reason: "duplicate provider_id",
    expected: "one row per provider_id; first seen at row 1",
  });
  const badKey = {
    field: "provider_id",
    column: "provider_id",
    value: null,
    reason: "missing required value",
    expected: "",
  };
  assert.equal(keys.check(4, [null], [badKey]), null);
});

Deno.test("derivation and message helpers", () => {
  assert.equal(monthEnd("2024-02-10"), "2024-02-29");
  assert.equal(monthEnd("2023-12-01"), "2023-12-31");
  assert.deepEqual(birthDateFromAge("0", "2024-06-20"), { ok: true, value: "2024-07-01" });
  assert.equal(birthDateFromAge("131", "2024-06-20").ok, false);
  assert.equal(
    describeReject({
      table_name: "medical_claims",
      file: "claims.csv",
      row_number: 8,
      column_name: "member_id",
      value: "M99",
      reason: "referential: unknown member_id",
      expected: "a member_id loaded from members.csv",
    }),
    'Flagged claims.csv row 8: "member_id" — referential: unknown member_id ("M99"); expected a member_id loaded from members.csv',
  );
});
