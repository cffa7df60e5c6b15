import assert from "node:assert/strict";
import { READ_SHARE, readClaimsUpload, type UploadInput } from "../../../src/lib/upload/claims_upload.ts";
import { FLAT_CLAIMS } from "./_claims_fixture.ts";

const file = (name: string, text: string): UploadInput => ({ name, bytes: new TextEncoder().encode(text) });

Deno.test("readClaimsUpload() progress: the reading phase fills the first part of the bar, then rows are checked", async () => {
  // 200 claims and 20 members in 10-record chunks: the reference-date pass and the row checks each report
  const claims = ["claim_id,member_id,PROV_CODE,service_date,period,is_er,admission_flag,net_bill"];
  for (let i = 0; i < 200; i++) {
    claims.push(
      `C${i},A${i % 20},H1,2024-0${1 + (i % 9)}-15,20240${1 + (i % 9)},${i % 7 === 0 ? 1 : 0},0,${10 + i}`,
    );
  }
  const members = ["member_id,company_id,age,gender,join_date"];
  for (let i = 0; i < 20; i++) members.push(`A${i},CO${i % 3},${30 + i},F,2023-01-01`);
  const shares: number[] = [];
  const u = await readClaimsUpload(
    [file("claims.csv", claims.join("\n") + "\n"), file("members.csv", members.join("\n") + "\n")],
    FLAT_CLAIMS,
    { chunk: 10, onProgress: (s) => shares.push(s) },
  );
  assert.equal(u.ready, true);
  // never backwards, within 0–1, ending at 1
  shares.forEach((s, i) => assert.ok(s >= (shares[i - 1] ?? 0) && s <= 1, `share ${i}: ${s}`));
  assert.equal(shares.at(-1), 1);
  // reading: each decoded file, then the claims' reference-date pass, all below READ_SHARE
  const reading = shares.filter((s) => s <= READ_SHARE);
  assert.ok(reading.length >= 2 + 200 / 10 - 1, `reading reports: ${reading.length}`);
  assert.ok(
    reading.some((s) => s > READ_SHARE / 2 && s < READ_SHARE),
    "the reference-date pass moves the bar",
  );
  // checking: between READ_SHARE and 1, many steps
  assert.ok(shares.filter((s) => s > READ_SHARE && s < 1).length >= 200 / 10 - 1);
});
