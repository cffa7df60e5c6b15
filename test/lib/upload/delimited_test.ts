import assert from "node:assert/strict";
import fc from "fast-check";
import { readDelimited, sniffDelimiter } from "../../../src/lib/upload/delimited.ts";

Deno.test("sniffDelimiter()", () => {
  assert.equal(sniffDelimiter("a,b,c\n1;2,3"), ",");
  assert.equal(sniffDelimiter("a;b;c\n"), ";");
  assert.equal(sniffDelimiter("\n\na\tb\tc"), "\t");
  assert.equal(sniffDelimiter('"x,y,z";b\n'), ";");
  assert.equal(sniffDelimiter("single"), ",");
});

Deno.test("readDelimited()", async (t) => {
  await t.step("quoted delimiters, doubled quotes and line breaks; records know their first line", () => {
    const text = '\uFEFFcontract_id;name\r\nH0001;"Plan ""A""; north\r\nsecond line"\r\nH0002;B\r\n';
    assert.deepEqual([...readDelimited(text, ";")], [
      { line: 1, fields: ["contract_id", "name"] },
      { line: 2, fields: ["H0001", 'Plan "A"; north\r\nsecond line'] },
      { line: 4, fields: ["H0002", "B"] },
    ]);
  });
  await t.step("no final line break and a blank line in the middle", () => {
    assert.deepEqual([...readDelimited("a\tb\n\nc\td", "\t")], [
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: [""] },
      { line: 3, fields: ["c", "d"] },
    ]);
  });
  await t.step("round trip: quoting any fields and reading them back gives them again", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(",", ";", "\t"),
        (rows, d) => {
          const text = rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(d)).join("\n") + "\n";
          assert.deepEqual([...readDelimited(text, d as "," | ";" | "\t")].map((r) => r.fields), rows);
        },
      ),
    );
  });
});
