import assert from "node:assert/strict";
import { INPUT_TABLES, MEDICAL_CLAIMS, MEMBERS, PROVIDERS } from "../../../loaders/contract/schema.ts";
import { CONTRACT_MAPPING, loadMapping, parseMapping } from "../../../loaders/input/mapping.ts";
import { planTable } from "../../../loaders/input/plan.ts";

Deno.test("loadMapping()", async (t) => {
  await t.step(
    "no name, or contract, is the contract layout: one file per table, named after it",
    async () => {
      assert.equal(await loadMapping(), CONTRACT_MAPPING);
      assert.equal(await loadMapping("contract"), CONTRACT_MAPPING);
      assert.deepEqual([...CONTRACT_MAPPING.tables.keys()], INPUT_TABLES.map((s) => s.name));
    },
  );

  await t.step("flat-claims: files, constants, derivations and value maps", async () => {
    const m = await loadMapping("flat-claims");
    assert.equal(m.name, "flat-claims");
    assert.equal(m.tables.get("medical_claims")?.file, "claims");
    assert.equal(m.tables.get("eligibility")?.file, "members");
    assert.ok(m.tables.get("eligibility")?.derived);
    assert.deepEqual(m.tables.get("medical_claims")?.columns.get("claim_line_number"), {
      kind: "value",
      value: "1",
    });
    assert.deepEqual(m.tables.get("members")?.columns.get("birth_date"), {
      kind: "birth_date_from_age",
      column: "age",
    });
    const practice = m.tables.get("providers")?.columns.get("practice_type");
    assert.ok(practice?.kind === "column" && practice.map?.get("gp") === "primary_care");
    const network = m.tables.get("providers")?.columns.get("network_tier");
    assert.ok(network?.kind === "column" && network.map?.get("innetwork") === "standard");
    assert.deepEqual(m.tables.get("pharmacy_claims"), { file: "pharmacy_claims", columns: new Map() });
  });
});

Deno.test("parseMapping() says what is wrong and where", () => {
  const bad = (json: unknown, message: RegExp) =>
    assert.throws(() => parseMapping(json, "mine.json"), message);
  bad([], /^Error: Invalid mapping mine\.json: expected \{ "name": …, "tables": \{ … \} \}$/);
  bad(
    { tables: { claims: {} } },
    /"claims" is not a contract table \(providers, members, eligibility, medical_claims, pharmacy_claims, screening_history\)/,
  );
  bad({ tables: { members: null } }, /tables\.members: members cannot be absent \(null\)/);
  bad(
    { tables: { members: { columns: {} } } },
    /tables\.members: expected \{ "file": "NAME", "columns": \{ … \} \}/,
  );
  bad(
    { tables: { members: { file: "m", columns: { age: "AGE" } } } },
    /tables\.members\.columns: "age" is not a column of members/,
  );
  bad(
    { tables: { members: { file: "m", columns: { sex: { column: "g", mapping: {} } } } } },
    /columns\.sex: expected \{ "column": "NAME" \}/,
  );
  bad(
    { tables: { members: { file: "m", columns: { sex: { derive: "guess" } } } } },
    /columns\.sex: a derivation is one of/,
  );
  bad({
    tables: { members: { file: "m", columns: { sex: { column: "g", map: { Male: "M", male: "M" } } } } },
  }, /map keys "male" and another are the same/);
  bad({ tables: { members: { file: "m", extra: 1 } } }, /tables\.members: unknown key "extra"/);
  const ok = parseMapping({ tables: { providers: null } }, "x");
  assert.equal(ok.tables.get("providers"), null);
});

Deno.test("planTable()", async (t) => {
  const contract = CONTRACT_MAPPING.tables.get("members")!;
  await t.step("matches headers by case, spacing and punctuation; absent optional columns are noted", () => {
    const plan = planTable(MEMBERS, contract, [
      "MEMBER ID",
      "Line of Business",
      "Birth-Date",
      "SEX",
      "Company_ID",
    ], "m.csv");
    assert.deepEqual(plan.columns.slice(0, 4), [
      { kind: "column", index: 0, label: "MEMBER ID" },
      { kind: "absent" },
      { kind: "column", index: 1, label: "Line of Business" },
      { kind: "column", index: 4, label: "Company_ID" },
    ]);
    assert.deepEqual(plan.notes, [
      "members: m.csv has no subscriber_id, contract_id, region, town, network_tier, dual_eligible, low_income_subsidy, death_date (left empty)",
    ]);
  });
  await t.step("throws when a required column or a mapped column is missing, or two headers match", () => {
    assert.throws(
      () => planTable(MEMBERS, contract, ["member_id", "sex"], "m.csv"),
      /^Error: Cannot load members from m\.csv: no column "line_of_business" for required "line_of_business"; columns found: "member_id", "sex"$/,
    );
    const mapped = parseMapping({
      tables: { providers: { file: "p", columns: { provider_id: "CODE", town: "TOWN" } } },
    }, "x");
    assert.throws(
      () => planTable(PROVIDERS, mapped.tables.get("providers")!, ["code"], "p.csv"),
      /no column "TOWN" for "town"; columns found: "code"/,
    );
    assert.throws(
      () => planTable(PROVIDERS, contract, ["provider_id", "Provider ID"], "p.csv"),
      /columns "provider_id" and "Provider ID" both match "provider_id"/,
    );
  });
  await t.step("checks constants once, against the contract", () => {
    const m = parseMapping({
      tables: { medical_claims: { file: "c", columns: { claim_status: { value: "settled" } } } },
    }, "x");
    assert.throws(
      () =>
        planTable(
          MEDICAL_CLAIMS,
          m.tables.get("medical_claims")!,
          MEDICAL_CLAIMS.columns.map((c) => c.name),
          "c.csv",
        ),
      /^Error: Invalid mapping for medical_claims: constant "settled" for "claim_status" is not an allowed value; expected one of paid, rejected, reversed$/,
    );
  });
});
