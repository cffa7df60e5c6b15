import assert from "node:assert/strict";
import { join } from "node:path";
import { resolveFile, serveStatic } from "../../platform/static_server.ts";

Deno.test("static server", async (t) => {
  const root = await Deno.makeTempDir();
  await Deno.mkdir(join(root, "data"));
  await Deno.writeTextFile(join(root, "index.html"), "home");
  await Deno.writeTextFile(join(root, "data", "explorer.html"), "explorer");
  await Deno.writeTextFile(join(root, ".secret"), "no");
  await Deno.writeTextFile(join(root, "x.wasm"), "wasm");
  const outside = await Deno.makeTempDir();
  await Deno.writeTextFile(join(outside, "passwd"), "outside");
  await Deno.symlink(join(outside, "passwd"), join(root, "link.html"));

  await t.step("maps clean URLs to .html files", async () => {
    assert.equal(await resolveFile(root, "/"), join(root, "index.html"));
    assert.equal(await resolveFile(root, "/data/explorer"), join(root, "data", "explorer.html"));
  });
  await t.step("refuses traversal, encoded separators, dotfiles and symlinks", async () => {
    for (
      const path of [
        "/../etc/passwd",
        "/data/%2e%2e/%2e%2e/etc/passwd",
        "/.secret",
        "/%2esecret",
        "/link",
        "/a%00b",
        "/%E0%A4%A",
      ]
    ) {
      assert.equal(await resolveFile(root, path), undefined, path);
    }
  });
  await t.step("serves wasm with its MIME type and refuses other methods", async () => {
    const server = serveStatic(root, { quiet: true });
    try {
      const base = `http://127.0.0.1:${server.addr.port}`;
      const wasm = await fetch(`${base}/x.wasm`);
      assert.equal(wasm.headers.get("content-type"), "application/wasm");
      assert.equal(await wasm.text(), "wasm");
      const post = await fetch(`${base}/`, { method: "POST" });
      assert.equal(post.status, 405);
      await post.body?.cancel();
      const missing = await fetch(`${base}/nope`);
      assert.equal(missing.status, 404);
      await missing.body?.cancel();
    } finally {
      await server.shutdown();
    }
  });
  await Deno.remove(root, { recursive: true });
  await Deno.remove(outside, { recursive: true });
});
