/** How an uploaded file's bytes were decoded. */
export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";

/** Files larger than this are refused with a message rather than read (bytes). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Decodes an uploaded text file: a UTF-8 byte-order mark → UTF-8 (mark dropped); else valid UTF-8 → UTF-8;
 * else Windows-1252 (which also reads Latin-1, so byte 0x96 becomes "–"). An empty file, a file over
 * {@link MAX_UPLOAD_BYTES} or one with a NUL byte in its first 8 KiB (binary) is an error naming the file.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(decodeUpload(new Uint8Array([0x61, 0x96, 0x62]), "x.csv"), { text: "a–b", encoding: "windows-1252" });
 * ```
 */
export function decodeUpload(bytes: Uint8Array, file: string): { text: string; encoding: Encoding } {
  if (bytes.length === 0) throw new Error(`Cannot read ${file}: the file is empty (0 bytes)`);
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new Error(
      `Cannot read ${file}: ${(bytes.length / 2 ** 20).toFixed(0)} MB is over the ${
        MAX_UPLOAD_BYTES / 2 ** 20
      } MB limit of this page; split the file or use the pipeline (deno task pipeline / deno task stars)`,
    );
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new Error(`Cannot read ${file}: it is a binary file, not a text (CSV) file`);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}
