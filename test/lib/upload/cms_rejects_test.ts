import assert from "node:assert/strict";
import { processStarUpload } from "../../../src/lib/upload/process_file.ts";
import { cmsPath, readBytes, reference } from "./_reference.ts";

Deno.test("readStarFile(): a CMS Measure Stars file with broken rows keeps the rest", async () => {
  const text = await Deno.readTextFile(cmsPath("Measure Stars"));
  const lines = text.split("\r\n");
  // Lines 1–4 are the title, domain, measure and period rows; line 5 is the first contract.
  const firstContract = lines[4]!.split(",")[0]!.trim();
  const broken = [...lines];
  broken[4] = broken[4]!.replace(/^[A-Z]\d{4}/, "XX");
  broken[6] = broken[6]!.replace(/,(\d) ?,/, ",six,");
  const f = readBytes(new TextEncoder().encode(broken.join("\r\n")), "stars.csv");
  assert.equal(f.content?.kind, "cms_measure_stars");
  assert.equal(f.rowsRead, 769);
  assert.deepEqual(f.rejects.map((r) => [r.line, r.value, r.expected]), [
    [5, "XX ", "expected a contract ID like H1234"],
    [7, "six", "expected a number or a CMS status text"],
  ]);
  assert.ok(
    f.rejects[1]!.column.startsWith("C") || f.rejects[1]!.column.startsWith("D"),
    f.rejects[1]!.column,
  );
  assert.ok(f.content && "table" in f.content);
  assert.equal(f.content.table.contracts.length, 767);
  assert.ok(!f.content.table.contracts.some((c) => c.contractId === firstContract));
});

Deno.test("processStarUpload(): yields in chunks with progress, and turns decode errors into a reject", async () => {
  const rows = ["member_id,contract_id,bcs", ...Array.from({ length: 50 }, (_, i) => `M${i},H0001,${i % 2}`)];
  const shares: number[] = [];
  const f = await processStarUpload(new TextEncoder().encode(rows.join("\n")), "m.csv", reference, {
    chunk: 10,
    onProgress: (s) => shares.push(s),
  });
  assert.equal(shares.length, 6); // after records 10, 20, 30, 40, 50, then 1
  assert.deepEqual(shares, [...shares].sort((a, b) => a - b));
  assert.equal(shares.at(-1), 1);
  assert.ok(f.content && "contracts" in f.content);
  assert.deepEqual(f.content.contracts.get("H0001"), [{
    key: "bcs",
    score: 50,
    numerator: 25,
    denominator: 50,
  }]);
  assert.equal(f.encoding, "utf-8");
  assert.equal(f.delimiter, ",");
  assert.deepEqual(f.header, ["member_id", "contract_id", "bcs"]);
  const empty = await processStarUpload(new Uint8Array(0), "e.csv", reference);
  assert.deepEqual(empty.rejects.map((r) => r.expected), ["Cannot read e.csv: the file is empty (0 bytes)"]);
});
