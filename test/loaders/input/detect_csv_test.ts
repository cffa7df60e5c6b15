import assert from "node:assert/strict";
import fc from "fast-check";
import {
  detectCsv,
  detectDelimiter,
  detectEncoding,
  firstRecord,
  splitRecord,
} from "../../../loaders/input/detect_csv.ts";
import { fixture } from "./_helpers.ts";

async function* chunks(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

Deno.test("detectCsv() on the fixtures", async (t) => {
  await t.step("UTF-8 with BOM, commas, headers trimmed", async () => {
    const layout = await detectCsv(fixture("contract/members.csv"), "members.csv");
    assert.equal(layout.encoding, "utf-8");
    assert.equal(layout.delimiter, ",");
    assert.deepEqual(layout.headers.slice(0, 2), ["Member_ID", "Subscriber ID"]);
  });
  await t.step("Latin-1 with semicolons", async () => {
    const layout = await detectCsv(fixture("contract/providers.csv"), "providers.csv");
    assert.deepEqual(layout, {
      encoding: "latin-1",
      delimiter: ";",
      headers: ["provider_id", "provider_name", "network_tier", "practice_type", "region", "town"],
    });
  });
  await t.step("Windows-1252 (curly quotes, dashes, euro sign)", async () => {
    const layout = await detectCsv(fixture("windows-1252/providers.csv"), "providers.csv");
    assert.equal(layout.encoding, "windows-1252");
    assert.equal(layout.delimiter, ";");
  });
  await t.step("tabs", async () => {
    assert.equal((await detectCsv(fixture("contract/eligibility.tsv"), "eligibility.tsv")).delimiter, "\t");
  });
  await t.step("refuses UTF-16 and an empty first line", async () => {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeFile(`${dir}/a.csv`, new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
      await assert.rejects(detectCsv(`${dir}/a.csv`, "a.csv"), /Cannot read a\.csv: the file is UTF-16/);
      await Deno.writeTextFile(`${dir}/b.csv`, "\n1,2\n");
      await assert.rejects(
        detectCsv(`${dir}/b.csv`, "b.csv"),
        /Cannot read b\.csv: the first line is empty; expected a header row/,
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});

Deno.test("detectEncoding()", async (t) => {
  await t.step("UTF-8 split across chunks is still UTF-8", async () => {
    const bytes = new TextEncoder().encode("Peñíscola, Málaga");
    fc.assert(
      await fc.asyncProperty(fc.integer({ min: 0, max: bytes.length }), async (cut) => {
        assert.equal(await detectEncoding(chunks(bytes.subarray(0, cut), bytes.subarray(cut))), "utf-8");
      }),
    );
  });
  await t.step("any Latin-1 text with an accented letter is Latin-1", async () => {
    const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom("a", ",", " ", "1") }),
        fc.constantFrom("é", "ñ", "Ñ", "ü"),
        async (s, accent) => {
          assert.equal(await detectEncoding(chunks(latin1(s + accent + s))), "latin-1");
        },
      ),
    );
  });
});

Deno.test("detectEncoding() tells Windows-1252 from Latin-1", async (t) => {
  const bytes = (s: string, map: Record<string, number>) =>
    Uint8Array.from(s, (ch) => map[ch] ?? ch.charCodeAt(0));
  // Windows-1252 code points of the characters Latin-1 lacks (WHATWG Encoding Standard index)
  const cp1252: Record<string, number> = {
    "€": 0x80,
    "‘": 0x91,
    "’": 0x92,
    "“": 0x93,
    "”": 0x94,
    "–": 0x96,
    "—": 0x97,
  };
  await t.step(
    "any text with one of €, curly quotes or dashes among Latin-1 letters is Windows-1252",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: fc.constantFrom("a", ",", " ", "1", "é", "ñ") }),
          fc.constantFrom(...Object.keys(cp1252)),
          async (s, special) => {
            assert.equal(await detectEncoding(chunks(bytes(s + special + s, cp1252))), "windows-1252");
          },
        ),
      );
    },
  );
  await t.step("bytes undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) leave Latin-1", async () => {
    for (const b of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
      assert.equal(await detectEncoding(chunks(new Uint8Array([0x61, 0xe9, b]))), "latin-1");
    }
  });
  await t.step("a euro sign in a later chunk than the first non-UTF-8 byte still counts", async () => {
    assert.equal(
      await detectEncoding(
        chunks(new Uint8Array([0x61, 0xe9]), new Uint8Array([0x20]), new Uint8Array([0x80])),
      ),
      "windows-1252",
    );
  });
  await t.step("UTF-8 text with a euro sign stays UTF-8", async () => {
    assert.equal(await detectEncoding(chunks(new TextEncoder().encode("5 € – “ok”"))), "utf-8");
  });
});

Deno.test("detectDelimiter() and splitRecord()", async (t) => {
  const cell = fc.string({ unit: fc.constantFrom("a", "B", "_", "é", " ", "1", ".", "-") }).map((s) =>
    s.trim()
  );
  await t.step("any header of plain cells joined by a delimiter is detected and split back", () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 2, maxLength: 12 }),
        fc.constantFrom(",", ";", "\t", "|"),
        (cells, d) => {
          const record = cells.join(d);
          assert.equal(detectDelimiter(record), d);
          assert.deepEqual(splitRecord(record, d), cells);
        },
      ),
    );
  });
  await t.step("quoted cells may hold delimiters and quotes", () => {
    assert.equal(detectDelimiter('"a;b;c";"d"'), ";");
    assert.equal(detectDelimiter('"a,b,c";d'), ";");
    assert.deepEqual(splitRecord(' "x, ""y""" , z ', ","), ['x, "y"', "z"]);
    assert.equal(detectDelimiter("single_column"), ",");
  });
  await t.step("firstRecord() ends at the first line end outside quotes and drops a BOM", () => {
    assert.equal(firstRecord('\uFEFFa,"b\nc",d\r\n1,2,3'), 'a,"b\nc",d');
    assert.equal(firstRecord("only"), "only");
  });
});
