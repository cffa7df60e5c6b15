/** Canonicalising request paths once, from the raw request target. */
import assert from "node:assert/strict";
import { canonicalPath, isPagePath, rawPath } from "../../gateway/request_path.ts";

Deno.test("rawPath()", () => {
  assert.equal(rawPath("http://127.0.0.1:3000/care/../exec/roi.html?x=1#y"), "/care/../exec/roi.html");
  assert.equal(rawPath("https://reports.example"), "/");
  assert.equal(rawPath("https://reports.example/a%2Fb"), "/a%2Fb");
});

Deno.test("canonicalPath()", async (t) => {
  await t.step("decodes once and keeps ordinary paths", () => {
    assert.equal(canonicalPath("/"), "/");
    assert.equal(canonicalPath("/data/"), "/data/");
    assert.equal(canonicalPath("/_npm/d3@7.9.0/_esm.js"), "/_npm/d3@7.9.0/_esm.js");
    assert.equal(canonicalPath("/a%20b.html"), "/a b.html");
    // Decoded once only: %2525 is the literal text %25.
    assert.equal(canonicalPath("/x%2525"), "/x%25");
  });
  await t.step("refuses traversal, encoded separators, NUL, backslashes, empty and dot segments", () => {
    for (
      const raw of [
        "",
        "care/gaps",
        "/care/../exec",
        "/care/%2e%2e/exec",
        "/care/%2E%2E/exec",
        "/exec%2froi",
        "/exec%5Croi",
        "/exec\\roi",
        "//exec",
        "/exec//roi",
        "/exec/./roi",
        "/.env",
        "/%2eenv",
        "/a/.git/config",
        "/a%00",
        "/a%0a",
        "/%E0%A4%A",
        "/" + "a".repeat(1024),
      ]
    ) {
      assert.equal(canonicalPath(raw), undefined, raw);
    }
  });
});

Deno.test("isPagePath()", () => {
  assert.ok(isPagePath("/"));
  assert.ok(isPagePath("/data/"));
  assert.ok(isPagePath("/data/explorer"));
  assert.ok(isPagePath("/data/explorer.html"));
  assert.ok(!isPagePath("/_file/data/x.parquet"));
  assert.ok(!isPagePath("/_observablehq/client.js"));
});
