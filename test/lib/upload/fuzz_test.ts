import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { processStarUpload } from "../../../src/lib/upload/process_file.ts";
import { FIXTURES, reference } from "./_reference.ts";

const seeds = await Promise.all(
  ["member_results.csv", "contract_scores_cp1252_semicolon.csv", "contract_scores_long.tsv"].map((f) =>
    Deno.readFile(join(FIXTURES, f))
  ),
);

/** Random damage: truncation, byte overwrites, deleted or duplicated lines, swapped columns. */
const mutation = fc.record({
  seed: fc.nat(seeds.length - 1),
  cut: fc.option(fc.nat(400)),
  bytes: fc.array(fc.tuple(fc.nat(400), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
  dropLine: fc.option(fc.nat(10)),
  swap: fc.boolean(),
});

function mutate(m: {
  seed: number;
  cut: number | null;
  bytes: [number, number][];
  dropLine: number | null;
  swap: boolean;
}): Uint8Array {
  let text = new TextDecoder("latin1").decode(seeds[m.seed]!);
  let lines = text.split("\n");
  if (m.dropLine !== null) lines.splice(m.dropLine % lines.length, 1);
  if (m.swap) lines = lines.map((l) => l.split(/[,;\t]/).reverse().join(","));
  text = lines.join("\n");
  const out = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  for (const [at, b] of m.bytes) if (out.length > 0) out[at % out.length] = b;
  return m.cut === null ? out : out.subarray(0, m.cut);
}

Deno.test("processStarUpload() on randomly damaged files: always a result or a validation report, never a throw", async () => {
  await fc.assert(
    fc.asyncProperty(mutation, async (m) => {
      const bytes = mutate(m);
      const f = await processStarUpload(bytes, "fuzz.csv", reference);
      assert.ok(f.content !== undefined || f.rejects.length > 0, "either content or a reason");
      for (const r of f.rejects) {
        assert.ok(r.line >= 0 && r.expected.length > 0, JSON.stringify(r));
      }
      if (f.content && "contracts" in f.content && f.content.kind === "contract_scores") {
        // wide and long tables: every data row is either kept or rejected
        assert.ok(f.rejects.length <= f.rowsRead);
      }
    }),
    { numRuns: 300, seed: 20261 },
  );
});
