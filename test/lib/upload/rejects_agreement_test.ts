/**
 * The build's loader and the browser upload page read the same files: every row either refuses, it
 * refuses with the same column, value and words — cell problems, the row rules and duplicate keys
 * (the build names data rows, the page file lines).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { loadInputs } from "../../../loaders/input/load_inputs.ts";
import { readClaimsUpload } from "../../../src/lib/upload/claims_upload.ts";
import { FLAT_CLAIMS } from "./_claims_fixture.ts";

const CLAIMS = [
  "claim_id,member_id,PROV_CODE,service_date,period,is_er,admission_flag,net_bill",
  "C1,A1,H1,2024-01-15,202401,1,0,350.00",
  "C2,A1,H2,2024-03-31,202403,no,,80",
  "C1,A2,H1,2024-01-02,202401,0,,5",
  "C3,A2,H1,2024-13-01,202401,0,,5",
].join("\n") + "\n";
const MEMBERS = [
  "member_id,company_id,age,gender,join_date",
  "A1,CO1,40,Male,2023-01-01",
  "A2,CO1,35,female,2024-03-01",
  "A3,,50,M,2024-01-01",
  "A4,CO1,41,M,2024-04-02",
  "A1,CO2,41,M,2024-01-01",
  "A5,CO1,abc,F,2024-01-01",
  "A4,CO1,42,F,2024-04-02",
].join("\n") + "\n";
const PROVIDERS = [
  "PROV_CODE,PROV_NAME,PROVIDER_NETWORK,PROVIDER_PRACTICE,PROVIDER_REGION,PROVIDER_TOWN",
  "H1,General Hospital,Preferred,Hospital,North,Springfield",
  "H2,Family Clinic,In-Network,GP,South,",
].join("\n") + "\n";

/** A problem as [file, line, column, value, "reason; expected …"], the upload page's way. */
type Problem = [string, number, string, string, string];

Deno.test("the build and the upload page reject the same rows of the same files in the same words", async () => {
  const files = { "claims.csv": CLAIMS, "members.csv": MEMBERS, "providers.csv": PROVIDERS };
  const dir = await Deno.makeTempDir({ prefix: "lodestar-rules-" });
  const db = await openDb({ threads: 1 });
  let build: Problem[];
  try {
    for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(join(dir, name), text);
    await loadInputs(db, { dir, mapping: "flat-claims" });
    const rows = await queryRows(
      db,
      "select file, row_number, column_name, value, reason, expected from rejects " +
        "where not starts_with(reason, 'referential:')",
    );
    // the build counts data rows, the page counts file lines (the header is line 1)
    build = rows.map((r) => [
      r.file as string,
      (r.row_number as number) + 1,
      r.column_name as string,
      (r.value as string | null) ?? "",
      `${r.reason}; expected ${
        (r.expected as string).replace(/first seen at row (\d+)$/, (_, n) =>
          `first seen on line ${Number(n) + 1}`)
      }`,
    ]);
  } finally {
    closeDb(db);
    await Deno.remove(dir, { recursive: true });
  }
  const upload = await readClaimsUpload(
    Object.entries(files).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })),
    FLAT_CLAIMS,
  );
  const page = upload.files.flatMap((f) =>
    f.rejects.map((r): Problem => [r.file, r.line, r.column, r.value, r.expected])
  );
  // one order for both: a row's problems are listed per table, and the two list tables differently
  const order = (a: Problem, b: Problem) =>
    a[0].localeCompare(b[0]) || a[1] - b[1] || a[4].localeCompare(b[4]);
  build.sort(order);
  page.sort(order);
  assert.deepEqual(page, build);
  // hand-checked (the reference date is 2024-03-31, the latest valid service_date)
  assert.deepEqual(build.map((p) => [p[0], p[1], p[2], p[4].split(";")[0]]), [
    ["claims.csv", 4, "claim_id, claim_line_number", "duplicate claim_id, claim_line_number"],
    ["claims.csv", 5, "service_date", "not a date"],
    ["members.csv", 4, "company_id", "commercial member without company_id"],
    // joined 2024-04-02, after the reference month ends: the derived span ends before it starts
    ["members.csv", 5, "enrollment_end_date", "enrollment_end_date before enrollment_start_date"],
    ["members.csv", 6, "member_id", "duplicate member_id"],
    ["members.csv", 7, "age", "not an age"],
    // a row refused by a rule still holds its key: line 8 repeats line 5's member and span
    ["members.csv", 8, "member_id, join_date", "duplicate member_id, enrollment_start_date"],
    ["members.csv", 8, "member_id", "duplicate member_id"],
    ["members.csv", 8, "enrollment_end_date", "enrollment_end_date before enrollment_start_date"],
  ]);
});
