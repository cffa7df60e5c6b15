import assert from "node:assert/strict";
import { readClaimsUpload } from "../../../src/lib/upload/claims_upload.ts";
import { encodeTables } from "../../../src/lib/upload/table_bytes.ts";
import { computeUtilization } from "../../../src/lib/upload/utilization_db.ts";
import {
  ED_CLASSIFICATION_CSV,
  fixtureUploads,
  FLAT_CLAIMS,
  UTILIZATION_SQL,
  withEngine,
} from "./_claims_fixture.ts";

Deno.test("encodeTables()", async (t) => {
  const upload = await readClaimsUpload(await fixtureUploads(), FLAT_CLAIMS);
  assert.deepEqual(upload.problems, []);

  await t.step("gives each table's CSV as UTF-8 bytes, row counts and the rest unchanged", () => {
    const { encoded } = encodeTables(upload);
    assert.deepEqual(Object.keys(encoded.tables), Object.keys(upload.tables));
    for (const [name, table] of Object.entries(upload.tables)) {
      const bytes = encoded.tables[name]!.csv;
      assert.ok(bytes instanceof Uint8Array, name);
      assert.equal(new TextDecoder("utf-8", { fatal: true }).decode(bytes), table.csv, name);
      assert.equal(encoded.tables[name]!.rows, table.rows, name);
    }
    assert.equal(encoded.files, upload.files);
    assert.equal(encoded.notes, upload.notes);
    assert.equal(encoded.ready, true);
  });

  await t.step("encodes characters beyond ASCII in several bytes", () => {
    const { encoded } = encodeTables({
      ...upload,
      tables: { providers: { csv: "name\nCafé – Nord\n", rows: 1 } },
    });
    // "é" is C3 A9 and "–" (en dash) E2 80 93 in UTF-8
    assert.deepEqual(
      [...encoded.tables.providers!.csv],
      [..."name\nCaf"].map((c) => c.charCodeAt(0)).concat(
        [0xc3, 0xa9],
        [..." "].map((c) => c.charCodeAt(0)),
        [0xe2, 0x80, 0x93],
        [..." Nord\n"].map((c) => c.charCodeAt(0)),
      ),
    );
  });

  await t.step("lists one buffer per table to transfer, and a transfer leaves the bytes detached", () => {
    const { encoded, transfer } = encodeTables(upload);
    assert.deepEqual(transfer, Object.values(encoded.tables).map((t) => t.csv.buffer));
    const { port1, port2 } = new MessageChannel();
    try {
      port1.postMessage(null, transfer);
      for (const table of Object.values(encoded.tables)) assert.equal(table.csv.byteLength, 0);
    } finally {
      port1.close();
      port2.close();
    }
  });

  await t.step("computeUtilization() gives the same KPIs from the bytes as from the text", async () => {
    const fromText = await withEngine((engine) =>
      computeUtilization(engine, upload, UTILIZATION_SQL, { edClassificationCsv: ED_CLASSIFICATION_CSV })
    );
    const fromBytes = await withEngine((engine) =>
      computeUtilization(engine, encodeTables(upload).encoded, UTILIZATION_SQL, {
        edClassificationCsv: ED_CLASSIFICATION_CSV,
      })
    );
    assert.ok(fromText.kpis.length >= 12, `${fromText.kpis.length} company-months`);
    assert.deepEqual(fromBytes, fromText);
  });
});
