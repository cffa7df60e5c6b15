/**
 * The row rules run two ways — as the SQL the build runs (native DuckDB) and as the JavaScript the
 * upload page runs — on the same rows; both must flag the same rows with the same texts.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { closeDb, type Db, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { readSql } from "../../../loaders/lib/sql_file.ts";
import { createTableSql, INPUT_TABLES, type TableSpec } from "../../../src/lib/input/schema.ts";
import { ELIGIBILITY, MEMBERS } from "../../../src/lib/input/schema.ts";
import type { Value } from "../../../src/lib/input/parse_values.ts";
import { ROW_RULES, ruleColumns, rulesOf } from "../../../src/lib/input/row_rules.ts";
import { checkRowRules } from "../../../src/lib/input/row_rule_check.ts";
import { rowRulesSql } from "../../../src/lib/input/row_rule_sql.ts";

/** A row of contract values; `cellProblem` marks a row a cell problem already rejects. */
type Row = Record<string, Value> & { cellProblem?: boolean };

/** A problem as [row n, column label, value, reason, expected]. */
type Flag = [number, string, string | null, string, string];

/** The file's name of a contract column, as a mapping would give it. */
const label = (column: string) => column.toUpperCase();

const literal = (v: Value): string => v === null ? "null" : typeof v === "string" ? sqlString(v) : String(v);

/** The problems DuckDB records for `rows` (row n = position + 1) with the rendered SQL. */
async function sqlFlags(db: Db, spec: TableSpec, rows: readonly Row[]): Promise<Flag[]> {
  await db.con.run("drop table if exists input_parsed_columns; drop table if exists input_parsed");
  await db.con.run(createTableSql(spec, "input_parsed_columns"));
  await db.con.run(
    "create table input_parsed as select 0::integer as n, * from input_parsed_columns limit 0",
  );
  await db.con.run(readSql(new URL("../../../loaders/input/", import.meta.url), "./input_problems.sql"));
  for (const [i, row] of rows.entries()) {
    const values = spec.columns.map((c) => `cast(${literal(row[c.name] ?? null)} as ${c.type})`);
    await db.con.run(`insert into input_parsed values (${i + 1}, ${values.join(", ")})`);
    if (row.cellProblem) {
      await db.con.run(`insert into input_problems values (${i + 1}, 0, 'x', 'x', 'a cell problem', 'x')`);
    }
  }
  await db.con.run(rowRulesSql(spec, label)!);
  const problems = await queryRows(
    db,
    "select n, column_name, value, reason, expected from input_problems where ord >= 1000 order by n, ord",
  );
  return problems.map((r) => [
    r.n as number,
    r.column_name as string,
    r.value as string | null,
    r.reason as string,
    r.expected as string,
  ]);
}

/** The problems the upload page's evaluator finds in the same rows (rows with a cell problem are skipped). */
function jsFlags(spec: TableSpec, rows: readonly Row[]): Flag[] {
  return rows.flatMap((row, i) => {
    if (row.cellProblem) return [];
    return checkRowRules(spec.name, (c) => row[c] ?? null).map((p): Flag => [
      i + 1,
      label(p.column),
      p.value,
      p.reason,
      p.expected,
    ]);
  });
}

const ELIGIBILITY_ROWS: Row[] = [
  { member_id: "M1", enrollment_start_date: "2024-07-01", enrollment_end_date: "2024-06-30" }, // 1 ends before
  { member_id: "M2", enrollment_start_date: "2024-07-01", enrollment_end_date: "2024-07-01" }, // 2 one day
  { member_id: "M3", enrollment_start_date: "2024-01-01", enrollment_end_date: "2024-12-31" }, // 3 a year
  { member_id: "M4", enrollment_start_date: null, enrollment_end_date: "2024-12-31" }, // 4 no start
  { member_id: "M5", enrollment_start_date: "2024-01-01", enrollment_end_date: null }, // 5 no end
  { member_id: "M6", enrollment_start_date: null, enrollment_end_date: null }, // 6 neither
  { member_id: "M7", enrollment_start_date: "2024-01-01", enrollment_end_date: "2023-12-31" }, // 7 a year back
  {
    member_id: "M8",
    enrollment_start_date: "2024-03-01",
    enrollment_end_date: "2024-02-29",
    cellProblem: true,
  },
  { member_id: "", enrollment_start_date: "1850-01-02", enrollment_end_date: "1850-01-01", plan_id: "O'P" }, // 9
];

const MEMBER_ROWS: Row[] = [
  { member_id: "M1", line_of_business: "commercial", company_id: null }, // 1 commercial, no company
  { member_id: "M2", line_of_business: "commercial", company_id: "" }, // 2 an empty string is a value
  { member_id: "M3", line_of_business: "commercial", company_id: "C1", contract_id: null }, // 3 fine
  { member_id: "M4", line_of_business: "medicare_advantage", contract_id: null, company_id: "C1" }, // 4 MA, none
  { member_id: "M5", line_of_business: "medicare_advantage", contract_id: "" }, // 5 empty string
  { member_id: "M6", line_of_business: "medicare_advantage", contract_id: "H1234" }, // 6 fine
  { member_id: "M7", line_of_business: "medicaid" }, // 7 another line of business
  { member_id: "M8", line_of_business: null }, // 8 none
  { member_id: "M9", line_of_business: "Commercial" }, // 9 case matters (values are normalised first)
  { member_id: "M10", line_of_business: "commercial", cellProblem: true }, // 10 rejected already
  { member_id: "M11", line_of_business: "medicare_advantage", company_id: null, contract_id: null }, // 11
];

Deno.test("row rules: SQL and JavaScript flag the same rows with the same texts", async (t) => {
  const db = await openDb({ threads: 1 });
  try {
    await t.step(
      "eligibility: ends before the start (not equal, not null), rows without cell problems",
      async () => {
        const flags = await sqlFlags(db, ELIGIBILITY, ELIGIBILITY_ROWS);
        const why = "enrollment_end_date before enrollment_start_date";
        assert.deepEqual(flags, [
          [1, "ENROLLMENT_END_DATE", "2024-06-30", why, "on or after 2024-07-01"],
          [7, "ENROLLMENT_END_DATE", "2023-12-31", why, "on or after 2024-01-01"],
          [9, "ENROLLMENT_END_DATE", "1850-01-01", why, "on or after 1850-01-02"],
        ]);
        assert.deepEqual(jsFlags(ELIGIBILITY, ELIGIBILITY_ROWS), flags);
      },
    );

    await t.step(
      "members: the group a line of business needs is null (an empty string counts as given)",
      async () => {
        const flags = await sqlFlags(db, MEMBERS, MEMBER_ROWS);
        const company = [
          "commercial member without company_id",
          "a company_id when line_of_business is commercial",
        ];
        const contract = [
          "Medicare Advantage member without contract_id",
          "a contract_id when line_of_business is medicare_advantage",
        ];
        assert.deepEqual(flags, [
          [1, "COMPANY_ID", null, ...company],
          [4, "CONTRACT_ID", null, ...contract],
          [11, "CONTRACT_ID", null, ...contract],
        ]);
        assert.deepEqual(jsFlags(MEMBERS, MEMBER_ROWS), flags);
      },
    );

    await t.step("random rows: both ways agree (fast-check)", async () => {
      const date = fc.constantFrom(null, "2023-12-31", "2024-01-01", "2024-02-29", "2024-03-01");
      const text = (...values: (string | null)[]) => fc.constantFrom(...values);
      const eligibility = fc.array(
        fc.record({
          member_id: text("M1", "M2"),
          enrollment_start_date: date,
          enrollment_end_date: date,
          cellProblem: fc.boolean(),
        }),
        { maxLength: 12 },
      );
      const members = fc.array(
        fc.record({
          member_id: text("M1"),
          line_of_business: text("commercial", "medicare_advantage", "medicaid", "", null),
          company_id: text(null, "", "C1", "C'2"),
          contract_id: text(null, "", "H1234"),
          cellProblem: fc.boolean(),
        }),
        { maxLength: 12 },
      );
      await fc.assert(
        fc.asyncProperty(eligibility, async (rows) => {
          assert.deepEqual(jsFlags(ELIGIBILITY, rows), await sqlFlags(db, ELIGIBILITY, rows));
        }),
        { numRuns: 40, seed: 20261 },
      );
      await fc.assert(
        fc.asyncProperty(members, async (rows) => {
          assert.deepEqual(jsFlags(MEMBERS, rows), await sqlFlags(db, MEMBERS, rows));
        }),
        { numRuns: 40, seed: 20261 },
      );
    });
  } finally {
    closeDb(db);
  }
});

Deno.test("ROW_RULES", async (t) => {
  await t.step("every rule names a contract table and only that table's columns", () => {
    for (const rule of ROW_RULES) {
      const spec = INPUT_TABLES.find((s) => s.name === rule.table);
      assert.ok(spec, `rule "${rule.reason}": no table ${rule.table}`);
      const names = new Set(spec.columns.map((c) => c.name));
      for (const c of ruleColumns(rule)) {
        assert.ok(names.has(c), `rule "${rule.reason}": ${rule.table} has no ${c}`);
      }
    }
  });

  await t.step("the shipped rules: one on eligibility, two on members", () => {
    assert.deepEqual(rulesOf("eligibility").map((r) => r.column), ["enrollment_end_date"]);
    assert.deepEqual(rulesOf("members").map((r) => r.column), ["company_id", "contract_id"]);
  });
});
