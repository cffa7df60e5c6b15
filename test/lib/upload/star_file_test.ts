import assert from "node:assert/strict";
import { join } from "node:path";
import { rejectReasons, rejectsCsv } from "../../../src/lib/upload/rejects.ts";
import type { StarFile } from "../../../src/lib/upload/star_file.ts";
import { FIXTURES, readBytes, readPath } from "./_reference.ts";

const contracts = (f: StarFile) => {
  assert.ok(f.content && "contracts" in f.content, `${f.file} has contract measures`);
  return f.content.contracts;
};
const brief = (f: StarFile) => f.rejects.map((r) => [r.line, r.column, r.value, r.expected]);

Deno.test("readStarFile(): member-level results become rates (hand-computed)", async () => {
  const f = await readPath(join(FIXTURES, "member_results.csv"));
  assert.equal(f.content?.kind, "member_results");
  assert.equal(f.rowsRead, 9);
  // H1111 BCS: M1 1, M2 0, M3 1, M4 1 → 3/4; COL: M1 1, M2 1, M4 0 (M3 blank) → 2/3; statins: M2 1, M3 1, M4 0 → 2/3.
  // H2222 BCS: M5 0 (M6 blank) → 0/1; COL 2/2; statins 2/2.
  assert.deepEqual(contracts(f).get("H1111"), [
    { key: "bcs", score: 75, numerator: 3, denominator: 4 },
    { key: "col", score: 200 / 3, numerator: 2, denominator: 3 },
    { key: "pdc_statins", score: 200 / 3, numerator: 2, denominator: 3 },
  ]);
  assert.deepEqual(contracts(f).get("H2222"), [
    { key: "bcs", score: 0, numerator: 0, denominator: 1 },
    { key: "col", score: 100, numerator: 2, denominator: 2 },
    { key: "pdc_statins", score: 100, numerator: 2, denominator: 2 },
  ]);
  assert.deepEqual(brief(f), [
    [8, "Breast Cancer Screening", "x", "1 (met), 0 (not met) or blank (not in the denominator)"],
    [9, "member_id", "M2", "a member ID not already on line 3"],
    [10, "contract_id", "H999", "a contract ID like H1234"],
  ]);
});

Deno.test("readStarFile(): Windows-1252 semicolon contract table with fractions, statuses and bad rows", async () => {
  const f = await readPath(join(FIXTURES, "contract_scores_cp1252_semicolon.csv"));
  assert.equal(f.content?.kind, "contract_scores");
  assert.deepEqual(f.unmatched, []);
  // BCS, COA medication review and readmissions are percentages given as fractions (×100); complaints are a
  // rate per 1,000 members with two decimals and stay as they are.
  assert.deepEqual(contracts(f).get("H1111"), [
    { key: "bcs", score: 78 },
    { key: "coa_medication_review", score: 95 },
    { key: "pcr", score: 11 },
    { key: "complaints_plan", score: 0.16 },
  ]);
  assert.deepEqual(contracts(f).get("H2222"), [
    { key: "bcs", score: 50 },
    { key: "pcr", score: 9.5 },
    { key: "complaints_plan", score: 0.3 },
  ]);
  assert.deepEqual(brief(f), [
    [4, "C01: Breast Cancer Screening", "bad", "a score (78, 78%, 0.78) or a CMS status text"],
    [5, "contract_id", "H1111", "a contract ID not already on line 2"],
  ]);
  assert.equal(
    rejectsCsv(f.rejects).split("\n")[1],
    "contract_scores_cp1252_semicolon.csv,4,C01: Breast Cancer Screening,bad,a score (78, 78%, 0.78) or a CMS status text,H3333,bad,0.9,0.1,0.2"
      .replace(
        "a score (78, 78%, 0.78) or a CMS status text",
        '"a score (78, 78%, 0.78) or a CMS status text"',
      ),
  );
  assert.deepEqual(rejectReasons(f.rejects).map((r) => [r.reason, r.count]), [
    ["C01: Breast Cancer Screening: a score (78, 78%, 0.78) or a CMS status text", 1],
    ["contract_id: a contract ID not already on line 2", 1],
  ]);
});

Deno.test("readStarFile(): a long tab-separated table; ambiguous names and repeats are rejected", async () => {
  const f = await readPath(join(FIXTURES, "contract_scores_long.tsv"));
  assert.deepEqual(contracts(f).get("H4444"), [{ key: "bcs", score: 78 }, { key: "eed", score: 81 }]);
  assert.deepEqual(brief(f), [
    [4, "measure", "Members Choosing to Leave the Plan", "one measure of Star year 2026 (ID, key or name)"],
    [6, "measure", "C01", "a measure not already given for H4444 on line 2"],
  ]);
});

Deno.test("readStarFile(): the same table in every encoding and delimiter reads the same", () => {
  const rows = [
    ["Contract ID", "Care for Older Adults – Medication Review", "Breast Cancer Screening (%)"],
    ["H0001", "81%", "74"],
    ["H0002", "Plan too small to be measured", '="77"'],
  ];
  const expected = new Map([["H0001", [{ key: "coa_medication_review", score: 81 }, {
    key: "bcs",
    score: 74,
  }]]]);
  const variants: [string, Uint8Array][] = [];
  for (const d of [",", ";", "\t"]) {
    const text = rows.map((r) => r.join(d)).join("\r\n") + "\r\n";
    const utf8 = new TextEncoder().encode(text);
    variants.push([`utf8${d}`, utf8]);
    variants.push([`bom${d}`, new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])]);
    variants.push([`cp1252${d}`, Uint8Array.from(text, (c) => (c === "–" ? 0x96 : c.charCodeAt(0)))]);
    variants.push([`latin1-misread${d}`, new TextEncoder().encode(text.replace("–", "\u0096"))]);
  }
  for (const [name, bytes] of variants) {
    const f = readBytes(bytes, `${name}.csv`);
    assert.deepEqual(f.unmatched, [], name);
    assert.deepEqual(contracts(f).get("H0001"), expected.get("H0001"), name);
    assert.deepEqual(brief(f), [[
      3,
      "Breast Cancer Screening (%)",
      "=77",
      "a score (78, 78%, 0.78) or a CMS status text",
    ]], name);
  }
});

Deno.test("readStarFile(): files that cannot be used say why", () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  assert.deepEqual(brief(readBytes(bytes("\n\n"), "blank.csv")), [[0, "file", "", "a header row"]]);
  assert.deepEqual(brief(readBytes(bytes("id,score\n1,2\n"), "x.csv")), [
    [1, "header", "id,score", "a contract_id column (or a CMS Data Table header)"],
  ]);
  assert.deepEqual(brief(readBytes(bytes("contract_id,flu shots\nH0001,3\n"), "y.csv")), [
    [
      1,
      "header",
      "contract_id,flu shots",
      "at least one measure column (C01, bcs or Breast Cancer Screening) or a measure column",
    ],
  ]);
  const mapped = readBytes(bytes("contract_id,flu shots\nH0001,71\n"), "y.csv", {
    "1": "measure:flu_vaccine",
  });
  assert.deepEqual(contracts(mapped).get("H0001"), [{ key: "flu_vaccine", score: 71 }]);
});
