/**
 * The upload's contract tables as UTF-8 bytes, for the message from the upload worker to the page. A 2M-row
 * claims table is a few hundred MB of CSV text; encoded in the worker, its bytes move to the page and on to
 * DuckDB-WASM's worker by transfer (no copy), so the page's main thread never encodes or clones them.
 */
import type { ClaimsUpload } from "./claims_upload.js";

/** CSV of a contract table: text, or its UTF-8 bytes. */
export type TableCsv = string | Uint8Array;

/** Contract tables by name: CSV with the contract's column names, and the number of data rows. */
export type UploadTables = Record<string, { csv: TableCsv; rows: number }>;

/** An upload whose tables are UTF-8 bytes. */
export type EncodedUpload = Omit<ClaimsUpload, "tables"> & {
  tables: Record<string, { csv: Uint8Array; rows: number }>;
};

/**
 * Replaces each table's CSV text by its UTF-8 bytes and lists their buffers, to pass as the transfer list
 * of `postMessage`. Everything else of the upload is kept as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const upload = { files: [], problems: [], notes: [], ready: true,
 *   capabilities: { diagnoses: false, providers: false, eligibilitySpans: false },
 *   tables: { members: { csv: "member_id\nM–1\n", rows: 1 } } };
 * const { encoded, transfer } = encodeTables(upload);
 * assert.equal(new TextDecoder().decode(encoded.tables.members!.csv), "member_id\nM–1\n");
 * assert.deepEqual(transfer, [encoded.tables.members!.csv.buffer]);
 * ```
 */
export function encodeTables(upload: ClaimsUpload): { encoded: EncodedUpload; transfer: ArrayBuffer[] } {
  const encoder = new TextEncoder();
  const tables: EncodedUpload["tables"] = {};
  const transfer: ArrayBuffer[] = [];
  for (const [name, table] of Object.entries(upload.tables)) {
    const csv = encoder.encode(table.csv);
    tables[name] = { csv, rows: table.rows };
    transfer.push(csv.buffer as ArrayBuffer);
  }
  return { encoded: { ...upload, tables }, transfer };
}
