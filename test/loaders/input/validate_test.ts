import assert from "node:assert/strict";
import { join } from "node:path";
import {
  createTableSql,
  ELIGIBILITY,
  MEDICAL_CLAIMS,
  MEMBERS,
  PROVIDERS,
  type TableSpec,
} from "../../../loaders/contract/schema.ts";
import { queryRows } from "../../../loaders/lib/duckdb.ts";
import { stageTable } from "../../../loaders/input/load_table.ts";
import { CONTRACT_MAPPING, loadMapping } from "../../../loaders/input/mapping.ts";
import { planTable } from "../../../loaders/input/plan.ts";
import { readSource } from "../../../loaders/input/read_source.ts";
import { createRejects, describeReject } from "../../../loaders/input/rejects.ts";
import { birthDateFromAge, cellOutcome, monthEnd } from "../../../loaders/input/validate.ts";
import { withDb } from "./_helpers.ts";

const flat = await loadMapping("flat-claims");
const claimsPlan = planTable(
  MEDICAL_CLAIMS,
  flat.tables.get("medical_claims")!,
  ["claim_id", "member_id", "PROV_CODE", "service_date", "period", "is_er", "admission_flag", "net_bill"],
  "claims.csv",
);
const context = { referenceDate: "2024-06-20" };

/** The outcome of each contract column of a flat-claims row, by name. */
function outcomes(cells: (string | null)[]): Record<string, unknown> {
  return Object.fromEntries(MEDICAL_CLAIMS.columns.map((col, i) => {
    const plan = claimsPlan.columns[i]!;
    const raw = plan.kind === "column" || plan.kind === "birth_date_from_age"
      ? cells[plan.index] ?? null
      : null;
    const o = cellOutcome(MEDICAL_CLAIMS, col, plan, raw, context);
    return [col.name, o.problem ? o.problem.reason : o.value];
  }));
}

Deno.test("cellOutcome() with the flat-claims mapping", async (t) => {
  await t.step(
    "a boolean flag picks the service category; one amount fills paid and allowed; constants",
    () => {
      assert.deepEqual(outcomes(["F1", "A1", "H1", "2024-01-15", "202401", "Y", "n", "$350"]), {
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
    },
  );

  await t.step("a bad flag or amount is a problem in each column read from it", () => {
    const o = outcomes(["F2", "A1", "H1", "", "202401", "maybe", "0", "1,000"]);
    assert.deepEqual(
      [o.service_date, o.service_category, o.er_visit, o.paid_amount, o.allowed_amount],
      ["missing required value", "not a boolean", "not a boolean", "not a number", "not a number"],
    );
  });

  await t.step("ages become birth dates, genders M/F, provider labels Unknown", () => {
    const members = planTable(MEMBERS, flat.tables.get("members")!, [
      "member_id",
      "company_id",
      "age",
      "gender",
      "join_date",
    ], "m.csv");
    const col = (name: string) => MEMBERS.columns.findIndex((c) => c.name === name);
    const member = (name: string, raw: string) =>
      cellOutcome(MEMBERS, MEMBERS.columns[col(name)]!, members.columns[col(name)]!, raw, context);
    assert.deepEqual(member("birth_date", "40"), { value: "1984-07-01", problem: null });
    assert.deepEqual(member("birth_date", "-3"), {
      value: null,
      problem: { reason: "not an age", expected: "an age in whole years from 0 to 130" },
    });
    assert.deepEqual(member("sex", "FEMALE"), { value: "F", problem: null });
    assert.deepEqual(member("sex", "x"), {
      value: null,
      problem: { reason: "not an allowed value", expected: "one of F, M" },
    });
    const town = PROVIDERS.columns.findIndex((c) => c.name === "town");
    assert.deepEqual(
      cellOutcome(PROVIDERS, PROVIDERS.columns[town]!, { kind: "column", index: 0, label: "TOWN" }, "  ", {}),
      { value: "Unknown", problem: null },
    );
  });
});

/** Stages an inline CSV for a contract table and returns its rejects as [row, column, reason]. */
async function stageCsv(table: TableSpec, csv: string): Promise<{ rejects: unknown[][]; loaded: number }> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, `${table.name}.csv`), csv);
    return await withDb(async (db) => {
      await createRejects(db);
      await db.con.run(createTableSql(table));
      const raw = await readSource(db, join(dir, `${table.name}.csv`), "raw");
      const plan = planTable(table, CONTRACT_MAPPING.tables.get(table.name)!, raw.headers, raw.file);
      const load = await stageTable(db, plan, raw, {});
      assert.equal(load.rowsRead, load.rowsLoaded + load.rowsRejected);
      const rows = await queryRows(
        db,
        "select row_number, column_name, reason from rejects order by row_number, reason",
      );
      return { rejects: rows.map((r) => [r.row_number, r.column_name, r.reason]), loaded: load.rowsLoaded };
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("stageTable() row rules and keys", async (t) => {
  await t.step(
    "line of business needs its group; a row with a cell problem is not checked again",
    async () => {
      const { rejects, loaded } = await stageCsv(
        MEMBERS,
        "member_id,line_of_business,company_id,contract_id,birth_date,sex\n" +
          "M1,Medicare Advantage,,,1950-01-01,F\n" +
          "M2,commercial,,,1950-13-01,F\n" +
          "M3,medicare_advantage,,H1,1950-01-01,M\n" +
          "M3,commercial,C1,,1950-01-01,M\n" +
          "M4,commercial,C1,,1950-01-01,M\n",
      );
      assert.deepEqual(rejects, [
        [1, "contract_id", "Medicare Advantage member without contract_id"],
        [2, "birth_date", "not a date"],
        [4, "member_id", "duplicate member_id"],
      ]);
      assert.equal(loaded, 2);
    },
  );

  await t.step("a span may start and end on the same day; a row with a bad key claims no key", async () => {
    const { rejects, loaded } = await stageCsv(
      ELIGIBILITY,
      "member_id,enrollment_start_date,enrollment_end_date\n" +
        "M1,2024-02-01,2024-02-01\n" +
        "M1,2024-02-30,2024-03-01\n" +
        "M1,20240201,2024-12-31\n" +
        "M2,,2024-12-31\n" +
        "M2,2024-03-01,2024-01-31\n",
    );
    assert.deepEqual(rejects, [
      [2, "enrollment_start_date", "not a date"],
      [3, "member_id, enrollment_start_date", "duplicate member_id, enrollment_start_date"],
      [4, "enrollment_start_date", "missing required value"],
      [5, "enrollment_end_date", "enrollment_end_date before enrollment_start_date"],
    ]);
    assert.equal(loaded, 1);
  });
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
