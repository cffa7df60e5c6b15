import assert from "node:assert/strict";
import { decodeUpload, MAX_UPLOAD_BYTES } from "../../../src/lib/upload/decode.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);

Deno.test("decodeUpload()", async (t) => {
  await t.step("UTF-8 with and without a byte-order mark", () => {
    assert.deepEqual(decodeUpload(utf8("a–b"), "f.csv"), { text: "a–b", encoding: "utf-8" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("a–b")]);
    assert.deepEqual(decodeUpload(bom, "f.csv"), { text: "a–b", encoding: "utf-8-bom" });
  });
  await t.step("invalid UTF-8 is read as Windows-1252: 0x96 is an en dash, 0xE9 is é", () => {
    const bytes = new Uint8Array([0x43, 0x4f, 0x41, 0x20, 0x96, 0x20, 0x4d, 0x52, 0x20, 0xe9]);
    assert.deepEqual(decodeUpload(bytes, "f.csv"), { text: "COA – MR é", encoding: "windows-1252" });
  });
  await t.step("empty, binary and oversized files are errors naming the file", () => {
    assert.throws(() => decodeUpload(new Uint8Array(0), "e.csv"), /Cannot read e\.csv: the file is empty/);
    assert.throws(
      () => decodeUpload(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), "x.xlsx"),
      /Cannot read x\.xlsx: it is a binary file/,
    );
    const big = { length: MAX_UPLOAD_BYTES + 1 } as unknown as Uint8Array;
    assert.throws(() => decodeUpload(big, "big.csv"), /over the 200 MB limit/);
  });
});
