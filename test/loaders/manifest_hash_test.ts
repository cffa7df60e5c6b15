import assert from "node:assert/strict";
import { join } from "node:path";
import fc from "fast-check";
import { sha256File, sha256Hex } from "../../loaders/manifest.ts";

Deno.test("sha256File and sha256Hex: the FIPS 180-2 test vectors", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "abc");
    await Deno.writeTextFile(path, "abc");
    assert.deepEqual(await sha256File(path), {
      sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      bytes: 3,
    });
    // one million "a": many read chunks
    await Deno.writeTextFile(path, "a".repeat(1_000_000));
    assert.deepEqual(await sha256File(path), {
      sha256: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
      bytes: 1_000_000,
    });
    await Deno.writeFile(path, new Uint8Array());
    assert.deepEqual(await sha256File(path), {
      sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      bytes: 0,
    });
    assert.equal(
      await sha256Hex(new TextEncoder().encode("abc")),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sha256File reads a file in chunks to the same hash as the bytes held whole", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "data");
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200_000 }), async (data) => {
        await Deno.writeFile(path, data);
        assert.deepEqual(await sha256File(path), { sha256: await sha256Hex(data), bytes: data.length });
      }),
      { numRuns: 40 },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
