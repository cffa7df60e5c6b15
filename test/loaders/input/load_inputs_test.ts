import assert from "node:assert/strict";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { INPUT_TABLES } from "../../../loaders/contract/schema.ts";
import { type Db, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { type InputReport, loadInputs } from "../../../loaders/input/load_inputs.ts";
import { columnOf, fixture, rejectsOf, withCopy, withDb } from "./_helpers.ts";

/** Every table's counts add up: nothing is silently dropped. */
function assertBalanced(report: InputReport): void {
  for (const [name, t] of Object.entries(report.tables)) {
    assert.equal(t.rowsRead, t.rowsLoaded + t.rowsRejected, `${name}: rowsRead = rowsLoaded + rowsRejected`);
  }
}

/** Each contract table exists with exactly the contract's columns and types, and holds `rowsLoaded` rows. */
async function assertContractTables(db: Db, report: InputReport): Promise<void> {
  for (const spec of INPUT_TABLES) {
    const columns = await queryRows(db, `select column_name, column_type from (describe ${spec.name})`);
    assert.deepEqual(
      columns.map((c) => [c.column_name, String(c.column_type).toLowerCase()]),
      spec.columns.map((c) => [c.name, c.type]),
      spec.name,
    );
    const [{ n }] = await queryRows(db, `select count(*)::integer as n from ${spec.name}`) as [{ n: number }];
    assert.equal(n, report.tables[spec.name]!.rowsLoaded, `${spec.name} row count`);
  }
  const rejects = await queryRows(db, "select column_name, column_type from (describe rejects)");
  assert.deepEqual(rejects.map((c) => `${c.column_name} ${String(c.column_type).toLowerCase()}`), [
    "table_name varchar",
    "file varchar",
    "row_number integer",
    "column_name varchar",
    "value varchar",
    "reason varchar",
    "expected varchar",
  ]);
}

Deno.test("loadInputs() on the contract layout (test/input/contract)", async (t) => {
  await withDb(async (db) => {
    const report = await loadInputs(db, { dir: fixture("contract") });

    await t.step("loads exactly the valid rows into tables that match the contract", async () => {
      assert.deepEqual(report.tables, {
        providers: { file: "providers.csv", rowsRead: 7, rowsLoaded: 4, rowsRejected: 3 },
        members: { file: "members.csv", rowsRead: 8, rowsLoaded: 4, rowsRejected: 4 },
        eligibility: { file: "eligibility.tsv", rowsRead: 6, rowsLoaded: 5, rowsRejected: 1 },
        medical_claims: { file: "medical_claims.csv", rowsRead: 13, rowsLoaded: 7, rowsRejected: 6 },
        pharmacy_claims: { file: null, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 },
        screening_history: { file: null, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 },
      });
      assertBalanced(report);
      await assertContractTables(db, report);
      assert.deepEqual(report.capabilities, {
        diagnoses: true,
        pharmacy: false,
        eligibilitySpans: true,
        providers: true,
      });
    });

    await t.step(
      "providers: Latin-1, semicolons, a quoted line break; labels filled, code required, first code kept",
      async () => {
        assert.deepEqual(await columnOf(db, "providers", "provider_id"), ["P1", "P2", "P3", "P4"]);
        assert.deepEqual(await columnOf(db, "providers", "town"), [
          "Málaga",
          "Logroño",
          "Unknown",
          "Peñíscola",
        ]);
        assert.deepEqual(await columnOf(db, "providers", "provider_name"), [
          "Hospital Central\nAnnex",
          "Clínica Sol",
          "Unknown",
          "Urgencias Ñ",
        ]);
        assert.deepEqual(await columnOf(db, "providers", "practice_type"), [
          "hospital",
          "clinic",
          "Unknown",
          "urgent_care",
        ]);
        assert.deepEqual(await columnOf(db, "providers", "network_tier"), [
          "preferred",
          "Gold",
          "Unknown",
          "out_of_network",
        ]);
        assert.deepEqual(await rejectsOf(db, "providers"), [
          [4, "provider_id", null, "missing required value"],
          [5, "provider_id", "P2", "duplicate provider_id"],
          [7, "practice_type", "Spa", "not an allowed value"],
        ]);
        const [spa] = await queryRows(db, "select expected from rejects where value = 'Spa'");
        assert.match(String(spa!.expected), /^one of hospital, clinic, polyclinic, .*, eye_care, Unknown$/);
      },
    );

    await t.step(
      "members: BOM, trailing spaces, header spelling; enum, required, duplicate and line-of-business rules",
      async () => {
        assert.deepEqual(await columnOf(db, "members", "member_id"), ["M1", "M2", "M3", "M7"]);
        assert.deepEqual(await columnOf(db, "members", "birth_date"), [
          "1980-05-17",
          "1975-12-31",
          "1950-02-28",
          "1970-10-10",
        ]);
        assert.deepEqual(await columnOf(db, "members", "sex"), ["F", "M", "F", "M"]);
        assert.deepEqual(await columnOf(db, "members", "line_of_business"), [
          "commercial",
          "commercial",
          "medicare_advantage",
          "commercial",
        ]);
        assert.deepEqual(await columnOf(db, "members", "dual_eligible"), ["false", null, "true", null]);
        assert.deepEqual(await columnOf(db, "members", "town"), [
          "Málaga",
          "Logroño",
          "Jaén",
          'Villa "Nueva"',
        ]);
        assert.deepEqual(await rejectsOf(db, "members"), [
          [4, "company_id", null, "commercial member without company_id"],
          [5, "BIRTH_DATE", null, "missing required value"],
          [6, "sex", "X", "not an allowed value"],
          [7, "Member_ID", "M1", "duplicate member_id"],
        ]);
      },
    );

    await t.step(
      "eligibility: tabs, YYYYMM and YYYY-MM months; an end before its start; an unknown member is flagged",
      async () => {
        assert.deepEqual(await columnOf(db, "eligibility", "enrollment_start_date"), [
          "2024-01-01",
          "2024-01-01",
          "2024-01-01",
          "2024-01-01",
          "2024-01-01",
        ]);
        assert.deepEqual(await columnOf(db, "eligibility", "member_id"), ["M1", "M2", "M3", "M9", "M7"]);
        assert.deepEqual(await rejectsOf(db, "eligibility"), [
          [4, "enrollment_end_date", "2024-06-30", "enrollment_end_date before enrollment_start_date"],
          [5, "member_id", "M9", "referential: unknown member_id"],
        ]);
      },
    );

    await t.step(
      "medical_claims: bad date, missing value, unknown enum, duplicate key, bounds, $ amounts, references",
      async () => {
        assert.deepEqual(await columnOf(db, "medical_claims", "claim_id"), [
          "C1",
          "C1",
          "C2",
          "C6",
          "C7",
          "C8",
          "C10",
        ]);
        assert.deepEqual(await columnOf(db, "medical_claims", "paid_amount"), [
          "1000.25",
          "30.0",
          "120.0",
          "120.0",
          "120.0",
          "180.0",
          "80.0",
        ]);
        assert.deepEqual(await columnOf(db, "medical_claims", "paid_date"), [
          "2024-03-20",
          "2024-03-20",
          "2024-04-01",
          null,
          null,
          null,
          null,
        ]);
        assert.deepEqual(await rejectsOf(db, "medical_claims"), [
          [4, "service_date", "2025-13-01", "not a date"],
          [5, "member_id", null, "missing required value"],
          [6, "service_category", "spa_day", "not an allowed value"],
          [7, "claim_id, claim_line_number", "C1, 1", "duplicate claim_id, claim_line_number"],
          [8, "member_id", "M99", "referential: unknown member_id"],
          [9, "provider_id", "P77", "referential: unknown provider_id"],
          [
            10,
            "service_date",
            "2024-06-15",
            "referential: service_date outside every eligibility span of the member",
          ],
          [11, "allowed_amount", "25000000", "above the maximum"],
          [11, "paid_amount", "20000000", "above the maximum"],
          [13, "paid_amount", "1,234", "not a number"],
        ]);
        const [bad] = await queryRows(db, "select expected from rejects where value = '2025-13-01'");
        assert.equal(bad!.expected, "YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYYMM or YYYY-MM");
      },
    );

    await t.step("notes say what is missing, flagged and kept as written", () => {
      assert.ok(
        report.notes.includes(
          "pharmacy_claims: no file pharmacy_claims.csv, pharmacy_claims.parquet, " +
            "pharmacy_claims.txt, pharmacy_claims.tsv or pharmacy_claims.xlsx; created empty",
        ),
      );
      assert.ok(
        report.notes.includes(
          "medical_claims: 1 row outside the member's eligibility (flagged in rejects, loaded)",
        ),
      );
      assert.ok(report.notes.some((n) => n.includes('were kept as written: "Gold" (1)')));
      assert.ok(
        report.notes.includes("no pharmacy claims: Part D medication adherence measures unavailable"),
      );
    });
  });
});

/** Expected flat-claims results, the same whether providers come as CSV or XLSX. */
async function assertFlatClaims(db: Db, report: InputReport, providersFile: string): Promise<void> {
  assert.deepEqual(report.tables, {
    providers: { file: providersFile, rowsRead: 7, rowsLoaded: 4, rowsRejected: 3 },
    members: { file: "members.csv", rowsRead: 4, rowsLoaded: 2, rowsRejected: 2 },
    eligibility: { file: "members.csv", rowsRead: 4, rowsLoaded: 4, rowsRejected: 0 },
    medical_claims: { file: "claims.csv", rowsRead: 5, rowsLoaded: 4, rowsRejected: 1 },
    pharmacy_claims: { file: null, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 },
    screening_history: { file: null, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 },
  });
  assertBalanced(report);
  await assertContractTables(db, report);
  assert.deepEqual(report.capabilities, {
    diagnoses: false,
    pharmacy: false,
    eligibilitySpans: false,
    providers: true,
  });
  assert.deepEqual(await queryRows(db, "select * from providers order by rowid"), [
    {
      provider_id: "H1",
      provider_name: "General Hospital",
      network_tier: "preferred",
      practice_type: "hospital",
      region: "North",
      town: "Springfield",
    },
    {
      provider_id: "H2",
      provider_name: "Family Clinic",
      network_tier: "standard",
      practice_type: "primary_care",
      region: "South",
      town: "Unknown",
    },
    {
      provider_id: "H3",
      provider_name: "City Lab",
      network_tier: "Gold Plus",
      practice_type: "laboratory",
      region: "Unknown",
      town: "Shelbyville",
    },
    {
      provider_id: "H5",
      provider_name: "Unknown",
      network_tier: "Unknown",
      practice_type: "Unknown",
      region: "Unknown",
      town: "Unknown",
    },
  ]);
  assert.deepEqual(await rejectsOf(db, "providers"), [
    [4, "PROVIDER_PRACTICE", "Spa", "not an allowed value"],
    [5, "PROV_CODE", null, "missing required value"],
    [6, "PROV_CODE", "H1", "duplicate provider_id"],
  ]);
  // Reference date: the latest service_date, 2024-06-20.
  assert.deepEqual(
    await queryRows(
      db,
      "select member_id, birth_date::varchar as b, sex, line_of_business as lob from members",
    ),
    [
      { member_id: "A1", b: "1984-07-01", sex: "M", lob: "commercial" },
      { member_id: "A2", b: "1989-07-01", sex: "F", lob: "commercial" },
    ],
  );
  assert.deepEqual(await rejectsOf(db, "members"), [
    [3, "age", "abc", "not an age"],
    [4, "company_id", null, "commercial member without company_id"],
  ]);
  assert.deepEqual(
    await queryRows(
      db,
      "select member_id, enrollment_start_date::varchar as s, enrollment_end_date::varchar as e from eligibility",
    ),
    [
      { member_id: "A1", s: "2023-01-01", e: "2024-06-30" },
      { member_id: "A2", s: "2024-03-01", e: "2024-06-30" },
      { member_id: "A3", s: "2024-01-01", e: "2024-06-30" },
      { member_id: "A4", s: "2024-01-01", e: "2024-06-30" },
    ],
  );
  assert.deepEqual(await rejectsOf(db, "eligibility"), [
    [3, "member_id", "A3", "referential: unknown member_id"],
    [4, "member_id", "A4", "referential: unknown member_id"],
  ]);
  assert.deepEqual(
    await queryRows(
      db,
      `select claim_id, claim_line_number as line, provider_id, service_category, paid_date::varchar as paid, er_visit,
              admitted, allowed_amount, paid_amount, claim_status from medical_claims`,
    ),
    [
      { ...claim("F1", "H1", "emergency_department", "2024-01-01", true, false, 350) },
      { ...claim("F2", "H2", "other", "2024-02-01", false, false, 80) },
      { ...claim("F3", "H1", "emergency_department", "2024-06-01", true, true, 1200) },
      { ...claim("F4", "H3", "other", "2024-03-01", false, null, 45.5) },
    ],
  );
  assert.deepEqual(await rejectsOf(db, "medical_claims"), [
    [4, "member_id", "A3", "referential: unknown member_id"],
    [5, "is_er", "maybe", "not a boolean"],
  ]);
  assert.ok(report.notes.includes("reference date 2024-06-20: the latest service_date in claims.csv"));
  assert.ok(report.notes.includes("no diagnoses: NYU avoidable-ER classification unavailable"));
  assert.ok(
    report.notes.some((n) => n.startsWith("eligibility derived from members.csv: one span per member")),
  );
}

function claim(
  id: string,
  provider: string,
  category: string,
  paid: string,
  er: boolean,
  admitted: boolean | null,
  amount: number,
) {
  return {
    claim_id: id,
    line: 1,
    provider_id: provider,
    service_category: category,
    paid,
    er_visit: er,
    admitted,
    allowed_amount: amount,
    paid_amount: amount,
    claim_status: "paid",
  };
}

Deno.test("loadInputs() with the flat-claims mapping", async (t) => {
  await t.step("providers as CSV (test/input/flat-claims)", async () => {
    await withDb(async (db) => {
      const report = await loadInputs(db, { dir: fixture("flat-claims"), mapping: "flat-claims" });
      await assertFlatClaims(db, report, "providers.csv");
    });
  });

  await t.step("providers as XLSX, written with exceljs from the same rows", async () => {
    await withCopy(["flat-claims"], async (dir) => {
      const lines = (await Deno.readTextFile(join(dir, "providers.csv"))).trimEnd().split("\n");
      await Deno.remove(join(dir, "providers.csv"));
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Providers");
      for (const line of lines) sheet.addRow(line.split(",").map((c) => c === "" ? null : c));
      sheet.getCell("A3").value = { richText: [{ text: "H" }, { text: "2" }] };
      await workbook.xlsx.writeFile(join(dir, "Providers.xlsx"));
      await withDb(async (db) => {
        const report = await loadInputs(db, { dir, mapping: "flat-claims" });
        await assertFlatClaims(db, report, "Providers.xlsx");
      });
    });
  });

  await t.step("a user mapping: no provider registry, pipe-delimited claims in a .txt file", async () => {
    await withCopy(["flat-claims"], async (dir) => {
      const shipped = JSON.parse(
        await Deno.readTextFile(new URL("../../../loaders/input/mappings/flat-claims.json", import.meta.url)),
      );
      shipped.tables.providers = null;
      shipped.tables.medical_claims.file = "extract.txt";
      await Deno.writeTextFile(join(dir, "mine.json"), JSON.stringify(shipped));
      const claims = await Deno.readTextFile(join(dir, "claims.csv"));
      await Deno.writeTextFile(join(dir, "extract.txt"), claims.replaceAll(",", "|"));
      await withDb(async (db) => {
        const report = await loadInputs(db, { dir, mapping: join(dir, "mine.json") });
        assertBalanced(report);
        assert.deepEqual(report.tables.providers, {
          file: null,
          rowsRead: 0,
          rowsLoaded: 0,
          rowsRejected: 0,
        });
        assert.deepEqual(report.tables.medical_claims, {
          file: "extract.txt",
          rowsRead: 5,
          rowsLoaded: 4,
          rowsRejected: 1,
        });
        assert.equal(report.capabilities.providers, false);
        assert.ok(report.notes.includes("providers: not part of the flat-claims layout; created empty"));
        const flagged = await queryRows(
          db,
          "select count(*)::integer as n from rejects where reason like '%provider%'",
        );
        assert.equal(flagged[0]!.n, 0, "provider_id is not checked without a registry");
      });
    });
  });

  await t.step("a mapping given as a path to a JSON file", async () => {
    await withDb(async (db) => {
      const path = new URL("../../../loaders/input/mappings/flat-claims.json", import.meta.url).pathname;
      const report = await loadInputs(db, { dir: fixture("flat-claims"), mapping: path });
      assert.equal(report.tables.medical_claims?.rowsLoaded, 4);
    });
  });
});

Deno.test("loadInputs() reads Parquet, with typed columns", async () => {
  await withCopy(["contract"], async (dir) => {
    await withDb(async (db) => {
      const path = join(dir, "pharmacy_claims.parquet");
      await db.con.run(
        `copy (select * from (values
           ('R1', 'M1', 'P1', date '2024-02-01', 'atorvastatin 40 mg', 'atorvastatin', 'statin', 'high', 30, 30.0, 12.5, 10.0, 'paid'),
           ('R2', 'M3', null, timestamp '2024-03-01 10:30:00', null, null, 'statin', null, 0, null, null, 5.0, null),
           ('R3', 'M3', null, timestamp '2024-03-02 00:00:00', null, null, 'Insulin', null, 90, null, null, 5.0, null)
         ) as t(claim_id, member_id, provider_id, dispensing_date, drug_name, ingredient, drug_class,
                statin_intensity, days_supply, quantity, allowed_amount, paid_amount, claim_status))
         to ${sqlString(path)} (format parquet)`,
      );
      const report = await loadInputs(db, { dir });
      assert.deepEqual(report.tables.pharmacy_claims, {
        file: "pharmacy_claims.parquet",
        rowsRead: 3,
        rowsLoaded: 2,
        rowsRejected: 1,
      });
      assert.equal(report.capabilities.pharmacy, true);
      assert.deepEqual(await columnOf(db, "pharmacy_claims", "dispensing_date"), [
        "2024-02-01",
        "2024-03-02",
      ]);
      assert.deepEqual(await columnOf(db, "pharmacy_claims", "drug_class"), ["statin", "insulin"]);
      assert.deepEqual(await rejectsOf(db, "pharmacy_claims"), [[
        2,
        "days_supply",
        "0",
        "below the minimum",
      ]]);
    });
  });
});

Deno.test("loadInputs() errors name the file and what was expected", async (t) => {
  const fails = (files: Record<string, string>, mapping: string | undefined, message: RegExp) =>
    withCopy(["contract"], async (dir) => {
      for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(join(dir, name), text);
      await withDb(async (db) => {
        await assert.rejects(loadInputs(db, { dir, mapping }), message);
      });
    });
  const header = (await Deno.readTextFile(join(fixture("contract"), "medical_claims.csv"))).split("\n")[0];

  await t.step("no usable row in a required table", async () => {
    await fails(
      {
        "medical_claims.csv":
          `${header}\nC1,1,M1,P1,,,,2025-13-01,,,,,,,,,,,,10,\nC2,1,M1,P1,,,,2024-01-01,,,,,,,,,,,,,\n`,
      },
      undefined,
      new RegExp(
        String
          .raw`^Error: Cannot load medical_claims: no usable rows in medical_claims\.csv \(2 read, all rejected; ` +
          String
            .raw`see the rejects table\)\. First problems:\n  Cannot load medical_claims\.csv row 1: "service_date" ` +
          String
            .raw`is not a date \("2025-13-01"\); expected YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYYMM or YYYY-MM\n  ` +
          String
            .raw`Cannot load medical_claims\.csv row 2: "paid_amount" — missing required value \(empty\); expected a value for paid_amount$`,
      ),
    );
  });

  await t.step("a header with no data rows", async () => {
    await fails(
      { "medical_claims.csv": `${header}\n` },
      undefined,
      /medical_claims\.csv has no data rows; expected one row per claim_id/,
    );
  });

  await t.step("a required file is missing", async () => {
    await withCopy(["contract"], async (dir) => {
      await Deno.remove(join(dir, "eligibility.tsv"));
      await withDb(async (db) => {
        await assert.rejects(
          loadInputs(db, { dir }),
          /Cannot load eligibility: no file eligibility\.csv, eligibility\.parquet, eligibility\.txt, eligibility\.tsv or eligibility\.xlsx in /,
        );
      });
    });
  });

  await t.step("a required column is missing", async () => {
    await fails(
      { "members.csv": "member_id,line_of_business,sex\nM1,commercial,F\n" },
      undefined,
      /Cannot load members from members\.csv: no column "birth_date" for required "birth_date"; columns found: "member_id", "line_of_business", "sex"/,
    );
  });

  await t.step("a file whose only row has too many fields", async () => {
    await fails(
      {
        "eligibility.csv":
          "member_id,enrollment_start_date,enrollment_end_date\nM1,2024-01-01,2024-12-31,extra\n",
      },
      undefined,
      new RegExp(
        String
          .raw`^Error: Cannot load eligibility: no usable rows in eligibility\.csv \(1 read, all rejected; ` +
          String
            .raw`see the rejects table\)\. First problems:\n  Cannot load eligibility\.csv row 1: "\(whole row\)" — ` +
          String
            .raw`has 4 fields \("M1,2024-01-01,2024-12-31,extra"\); expected 3 fields, one per header cell$`,
      ),
    );
  });

  await t.step("an unknown mapping", async () => {
    await fails(
      {},
      "no-such-layout",
      /Unknown mapping "no-such-layout": expected "contract", a shipped mapping \(flat-claims\)/,
    );
  });
});

Deno.test("loadInputs() rejects rows with the wrong number of fields and keeps the others (test/input/malformed-rows)", async () => {
  await withCopy(["contract", "malformed-rows"], async (dir) => {
    await withDb(async (db) => {
      const report = await loadInputs(db, { dir });
      // 7 data rows: 2 (8 fields) and 4 (2 fields) are malformed; 5 holds a quoted line break; 6 has a bad date
      assert.deepEqual(report.tables.eligibility, {
        file: "eligibility.csv",
        rowsRead: 7,
        rowsLoaded: 4,
        rowsRejected: 3,
      });
      assertBalanced(report);
      const rejects = (await rejectsOf(db, "eligibility")).filter(([, , , reason]) =>
        !reason.startsWith("referential:")
      );
      assert.deepEqual(rejects, [
        [2, "(whole row)", "M2,2024-01-01,2024-12-31,C1,,PPO,extra,more", "has 8 fields"],
        [4, "(whole row)", "M4,2024-01-01", "has 2 fields"],
        [6, "enrollment_start_date", "2025-13-01", "not a date"],
      ]);
      const [expected] = await queryRows(
        db,
        "select distinct expected from rejects where column_name = '(whole row)'",
      );
      assert.equal(expected!.expected, "6 fields, one per header cell");
      // the kept rows, in file order, with the quoted line break intact
      assert.deepEqual(await columnOf(db, "eligibility", "member_id"), ["M1", "M3", "M4", "M2"]);
      assert.deepEqual(await columnOf(db, "eligibility", "plan_id"), ["PPO", "PPO", "PPO\nNorth", "HMO"]);
    });
  });
});

Deno.test("loadInputs() decodes Windows-1252 text (test/input/windows-1252)", async () => {
  await withCopy(["contract", "windows-1252"], async (dir) => {
    await withDb(async (db) => {
      const report = await loadInputs(db, { dir });
      assert.deepEqual(report.tables.providers, {
        file: "providers.csv",
        rowsRead: 3,
        rowsLoaded: 3,
        rowsRejected: 0,
      });
      assert.deepEqual(await columnOf(db, "providers", "provider_name"), [
        "Café “Sol” – Clínica",
        "Farmacia 24h — €5 copago",
        "L’Hospitalet Ñ",
      ]);
      assert.deepEqual(await columnOf(db, "providers", "town"), ["Málaga", "Logroño", "Peñíscola"]);
    });
  });
});
