import assert from "node:assert/strict";
import { join } from "node:path";
import { tarChunks, tarHeader } from "../../loaders/lib/tar.ts";
import { run } from "../support/project.ts";

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) out.set(p, offset), offset += p.length;
  return out;
}

Deno.test("tarHeader()", async (t) => {
  await t.step("writes the size in octal and a checksum over the header", () => {
    const header = tarHeader("a.txt", 1000);
    const text = new TextDecoder().decode(header);
    assert.equal(text.slice(124, 136), "00000001750\0"); // 1000 = 0o1750
    // Hand check: the checksum is the byte sum with the checksum field read as spaces.
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    assert.equal(text.slice(148, 156), sum.toString(8).padStart(6, "0") + "\0 ");
  });
  await t.step("refuses absolute paths and parent references", () => {
    assert.throws(() => tarHeader("/etc/passwd", 1), /relative path/);
    assert.throws(() => tarHeader("a/../../b", 1), /relative path/);
  });
});

Deno.test("tarChunks() gives an archive GNU tar lists and extracts byte for byte", async () => {
  const files = [
    { name: "one.parquet", data: new Uint8Array(513).map((_, i) => i % 251) },
    { name: "manifest.json", data: new TextEncoder().encode('{"ok":true}\n') },
    { name: "empty.txt", data: new Uint8Array(0) },
  ];
  const archive = concat(tarChunks(files));
  assert.equal(archive.length % 512, 0);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(join(dir, "x.tar"), archive);
    const { stdout } = await run("tar", ["-tvf", "x.tar"], { cwd: dir });
    assert.match(stdout, /one\.parquet/);
    await Deno.mkdir(join(dir, "out"));
    await run("tar", ["-xf", "../x.tar"], { cwd: join(dir, "out") });
    for (const f of files) assert.deepEqual(await Deno.readFile(join(dir, "out", f.name)), f.data);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tarChunks() is deterministic", () => {
  const files = [{ name: "a", data: new Uint8Array([1, 2, 3]) }];
  assert.deepEqual(concat(tarChunks(files)), concat(tarChunks(files)));
});
