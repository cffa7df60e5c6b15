import assert from "node:assert/strict";
import { buildVersions, DATA_PACKAGES, installedVersions } from "../../../loaders/validation/versions.ts";

Deno.test("installedVersions()", async (t) => {
  await t.step("reads each package's version and marks a missing one", () => {
    const files: Record<string, string> = { a: '{"name":"a","version":"1.2.3"}' };
    assert.deepEqual(installedVersions([["a", "does a"], ["b", "does b"]], (n) => files[n] ?? null), [
      { name: "a", version: "1.2.3", role: "does a" },
      { name: "b", version: "not installed", role: "does b" },
    ]);
  });
  await t.step("names a package.json without a version", () => {
    assert.throws(() => installedVersions([["a", ""]], () => "{}"), /version of a/);
  });
});

Deno.test("buildVersions() reports what package.json pins and the running Deno", async () => {
  const pinned = JSON.parse(await Deno.readTextFile(new URL("../../../package.json", import.meta.url)))
    .dependencies as Record<string, string>;
  const v = await buildVersions();
  assert.equal(v.packages.length, DATA_PACKAGES.length);
  for (const name of ["@duckdb/node-api", "@observablehq/framework", "apache-arrow", "parquet-wasm"]) {
    assert.equal(v.packages.find((p) => p.name === name)?.version, pinned[name], name);
  }
  assert.equal(v.runtime.find((r) => r.name === "deno")?.version, pinned.deno);
  assert.match(v.runtime.find((r) => r.name === "duckdb engine")?.version ?? "", /^v\d+\.\d+\.\d+/);
});
