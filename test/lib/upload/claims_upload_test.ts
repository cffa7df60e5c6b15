import assert from "node:assert/strict";
import fc from "fast-check";
import {
  detectRole,
  MAX_LISTED_REJECTS,
  readClaimsUpload,
  type UploadInput,
} from "../../../src/lib/upload/claims_upload.ts";
import { MAX_UPLOAD_BYTES } from "../../../src/lib/upload/decode.ts";
import { fixtureUploads, FLAT_CLAIMS } from "./_claims_fixture.ts";

const file = (name: string, text: string): UploadInput => ({ name, bytes: new TextEncoder().encode(text) });

const CLAIMS = [
  "claim_id,member_id,PROV_CODE,service_date,period,is_er,admission_flag,net_bill",
  "C1,A1,H1,2024-01-15,202401,1,0,350.00",
  "C2,A1,H1,2024-02-03,202402,no,,80",
  "C3,A2,H1,2024-03-31,202403,Y,Y,$1200",
].join("\n") + "\n";
const MEMBERS = [
  "member_id,company_id,age,gender,join_date",
  "A1,CO1,40,Male,2023-01-01",
  "A2,CO1,35,female,2024-03-01",
].join("\n") + "\n";

Deno.test("readClaimsUpload()", async (t) => {
  await t.step("the flat layout maps by itself onto contract tables, with derived dates", async () => {
    const u = await readClaimsUpload([file("claims.csv", CLAIMS), file("members.csv", MEMBERS)], FLAT_CLAIMS);
    assert.deepEqual(u.problems, []);
    assert.equal(u.ready, true);
    // the latest service_date, 2024-03-31, is the reference date: age 40 → born 1 July 1984; spans end 2024-03-31
    assert.deepEqual(u.tables.members!.csv.split("\n").slice(1, 3), [
      "A1,,commercial,CO1,,1984-07-01,M,,,,,,",
      "A2,,commercial,CO1,,1989-07-01,F,,,,,,",
    ]);
    assert.deepEqual(u.tables.eligibility!.csv.split("\n").slice(1, 3), [
      "A1,2023-01-01,2024-03-31,CO1,,",
      "A2,2024-03-01,2024-03-31,CO1,,",
    ]);
    // C3: ER flag Y → emergency_department, admitted; $1200 paid and allowed; paid month from period
    assert.equal(
      u.tables.medical_claims!.csv.split("\n")[3],
      "C3,1,A2,H1,,emergency_department,,2024-03-31,,2024-03-01,,,,,,,true,true,1200,1200,paid",
    );
    assert.equal(u.capabilities.diagnoses, false);
    assert.ok(u.notes.some((n) => n.startsWith("no diagnoses")));
    assert.ok(u.notes.some((n) => n.startsWith("no providers")));
  });

  await t.step("bad cells, rules and keys reject rows with line, column, value and expectation", async () => {
    const claims = CLAIMS + "C4,A1,H1,2024-13-01,202401,1,0,5\nC1,A2,H1,2024-01-02,202401,0,,5\nC5,A1\n";
    const members = MEMBERS + "A3,,50,M,2024-01-01\nA4,CO1,abc,F,2024-01-01\nA1,CO2,41,M,2024-01-01\n";
    const u = await readClaimsUpload([file("claims.csv", claims), file("members.csv", members)], FLAT_CLAIMS);
    const c = u.files.find((f) => f.file === "claims.csv")!;
    assert.deepEqual(c.rejects.map((r) => [r.line, r.column, r.value, r.expected]), [
      [
        5,
        "service_date",
        "2024-13-01",
        "not a date; expected YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYYMM or YYYY-MM",
      ],
      [
        6,
        "claim_id, claim_line_number",
        "C1, 1",
        "duplicate claim_id, claim_line_number; expected one row per claim_id, claim_line_number; first seen on line 2",
      ],
      [7, "(whole row)", "C5,A1", "has 2 fields; expected 8 fields, one per header cell"],
    ]);
    assert.deepEqual([c.rowsRead, c.rowsRejected], [6, 3]);
    const m = u.files.find((f) => f.file === "members.csv")!;
    assert.deepEqual(m.rejects.map((r) => [r.line, r.column, r.expected.split(";")[0]]), [
      [4, "company_id", "commercial member without company_id"],
      [5, "age", "not an age"],
      [6, "member_id", "duplicate member_id"],
    ]);
    assert.deepEqual(m.tables, [
      { table: "members", loaded: 2, rejected: 3 },
      { table: "eligibility", loaded: 5, rejected: 0 },
    ]);
    assert.equal(u.ready, true, "valid rows are kept and computed");
  });

  await t.step("a missing required column blocks and is offered in the form; a choice fixes it", async () => {
    const renamed = CLAIMS.replace("member_id", "person");
    const blocked = await readClaimsUpload(
      [file("c.csv", renamed), file("members.csv", MEMBERS)],
      FLAT_CLAIMS,
    );
    const c = blocked.files[0]!;
    assert.equal(c.role, "claims");
    assert.deepEqual(c.missing, [{
      table: "medical_claims",
      column: "member_id",
      required: true,
      wanted: "member_id",
    }]);
    assert.equal(blocked.ready, false);
    const fixed = await readClaimsUpload(
      [file("c.csv", renamed), file("members.csv", MEMBERS)],
      FLAT_CLAIMS,
      {
        overrides: { [c.fingerprint]: { "medical_claims.member_id": "person" } },
      },
    );
    assert.equal(fixed.ready, true);
    assert.equal(fixed.tables.medical_claims!.rows, 3);
  });

  await t.step("empty, binary, header-only, unrecognised and missing files say why", async () => {
    const u = await readClaimsUpload([
      { name: "zero.csv", bytes: new Uint8Array(0) },
      { name: "bin.csv", bytes: new Uint8Array([1, 0, 2]) },
      file("odd.csv", "x,y\n1,2\n"),
      file("members.csv", "member_id,company_id,age,gender,join_date\n"),
    ], FLAT_CLAIMS);
    assert.deepEqual(u.files.map((f) => f.rejects[0]?.expected.split(":")[0]), [
      "Cannot read zero.csv",
      "Cannot read bin.csv",
      "Cannot tell what odd.csv holds",
      undefined,
    ]);
    assert.deepEqual(u.problems, ["No claims file: upload a claims CSV (see the layout above)"]);
  });

  await t.step("a file over the page's limit is refused with a message, not read", async () => {
    const u = await readClaimsUpload([
      { name: "huge.csv", bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1) },
      file("members.csv", MEMBERS),
    ], FLAT_CLAIMS);
    assert.match(
      u.files[0]!.rejects[0]!.expected,
      /^Cannot read huge\.csv: 200 MB is over the 200 MB limit of this page/,
    );
    assert.equal(u.ready, false);
  });

  await t.step("past MAX_LISTED_REJECTS problems are counted, not listed", async () => {
    const extra = MAX_LISTED_REJECTS + 5;
    const bad = Array.from({ length: extra }, (_, i) => `X${i},A1,H1,someday,202401,0,,5`).join("\n");
    const u = await readClaimsUpload(
      [file("claims.csv", CLAIMS + bad + "\n"), file("members.csv", MEMBERS)],
      FLAT_CLAIMS,
    );
    const c = u.files[0]!;
    assert.deepEqual([c.rowsRead, c.rowsRejected, c.rejects.length, c.rejectsNotListed], [
      extra + 3,
      extra,
      MAX_LISTED_REJECTS,
      5,
    ]);
    assert.equal(u.tables.medical_claims!.rows, 3);
  });

  await t.step("the test fixture: reads, rejects and capabilities", async () => {
    const u = await readClaimsUpload(await fixtureUploads(), FLAT_CLAIMS);
    assert.deepEqual(u.files.map((f) => [f.file, f.role, f.rowsRead, f.rowsRejected]), [
      ["claims.csv", "claims", 780, 3],
      ["members.csv", "members", 96, 1],
      ["providers.csv", "providers", 4, 0],
    ]);
    assert.deepEqual(u.capabilities, { diagnoses: true, providers: true, eligibilitySpans: false });
  });
});

Deno.test("detectRole() picks the layout a header matches, by file name on a tie", () => {
  assert.equal(detectRole(["PROV_CODE", "PROV_NAME"], "x.csv", FLAT_CLAIMS), "providers");
  assert.equal(detectRole(["member_id", "age", "join_date"], "x.csv", FLAT_CLAIMS), "members");
  assert.equal(detectRole(["member_id"], "claims.csv", FLAT_CLAIMS), "claims");
  assert.equal(detectRole(["a", "b"], "claims.csv", FLAT_CLAIMS), null);
});

/** Random damage to the fixture: truncation, byte overwrites, dropped or duplicated lines, swapped columns. */
const mutation = fc.record({
  target: fc.constantFrom(0, 1, 2),
  cut: fc.option(fc.nat(40_000)),
  bytes: fc.array(fc.tuple(fc.nat(40_000), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
  dropLine: fc.option(fc.nat(100)),
  duplicateLine: fc.option(fc.nat(100)),
  swap: fc.option(fc.tuple(fc.nat(8), fc.nat(8))),
});

Deno.test("readClaimsUpload() on randomly damaged files: a result or a validation report, never a throw", async () => {
  const clean = await fixtureUploads();
  await fc.assert(
    fc.asyncProperty(mutation, async (m) => {
      const files = clean.map((f, i) => {
        if (i !== m.target) return f;
        let lines = new TextDecoder("latin1").decode(f.bytes).split("\n");
        if (m.dropLine !== null) lines.splice(m.dropLine % lines.length, 1);
        if (m.duplicateLine !== null) lines.push(lines[m.duplicateLine % lines.length]!);
        if (m.swap !== null) {
          const [a, b] = m.swap;
          lines = lines.map((l) => {
            const cells = l.split(",");
            if (a < cells.length && b < cells.length) [cells[a], cells[b]] = [cells[b]!, cells[a]!];
            return cells.join(",");
          });
        }
        const bytes = Uint8Array.from(lines.join("\n"), (c) => c.charCodeAt(0) & 0xff);
        for (const [at, b] of m.bytes) if (bytes.length > 0) bytes[at % bytes.length] = b;
        return {
          name: f.name,
          bytes: m.cut === null ? bytes : bytes.subarray(0, m.cut % (bytes.length + 1)),
        };
      });
      const u = await readClaimsUpload(files, FLAT_CLAIMS);
      assert.ok(u.ready || u.problems.length > 0 || u.files.some((f) => f.rejects.length > 0));
      assert.equal(u.ready, u.problems.length === 0);
      for (const f of u.files) {
        for (const r of f.rejects) assert.ok(r.line >= 0 && r.expected.length > 0, JSON.stringify(r));
        // nothing silently dropped: every data row is kept or rejected, table by table
        for (const tc of f.tables) assert.equal(tc.loaded + tc.rejected, f.rowsRead, `${f.file} ${tc.table}`);
        assert.ok(f.rowsRejected <= f.rowsRead);
      }
    }),
    { numRuns: 80, seed: 20261 },
  );
});
