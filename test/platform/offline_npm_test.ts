import assert from "node:assert/strict";
import { join } from "node:path";
import {
  fillNpmCache,
  NAMED_ONLY,
  PLACEHOLDER_VERSION,
  relativeImport,
  VENDORED,
} from "../../platform/offline_npm.ts";
import { ROOT } from "../support/project.ts";

Deno.test("relativeImport()", () => {
  assert.equal(relativeImport("@observablehq/plot@0.6.17", "d3@7.9.2"), "../../d3@7.9.2/_esm.js");
  assert.equal(relativeImport("d3@7.9.2", "d3-dsv@3.0.2"), "../d3-dsv@3.0.2/_esm.js");
  assert.equal(
    relativeImport("@duckdb/duckdb-wasm@1.29.0", "apache-arrow@17.0.0"),
    "../../apache-arrow@17.0.0/_esm.js",
  );
});

Deno.test("fillNpmCache()", async (t) => {
  const root = await Deno.makeTempDir();
  await Deno.symlink(join(ROOT, "node_modules"), join(root, "node_modules"));
  await Deno.copyFile(join(ROOT, "package-lock.json"), join(root, "package-lock.json"));
  const npm = join(root, "src/.observablehq/cache/_npm");
  const log = () => {};
  try {
    const first = await fillNpmCache({ root, log });
    await t.step("bundles every vendored library at its installed version", async () => {
      assert.equal(first.rebuilt, true);
      assert.equal(first.packages.length, VENDORED.length);
      for (const folder of first.packages) {
        assert.ok((await Deno.stat(join(npm, folder, "_esm.js"))).size > 0, folder);
      }
    });
    await t.step("keeps shared libraries external, as relative imports", async () => {
      const plot = first.packages.find((p) => p.startsWith("@observablehq/plot@"))!;
      const d3 = first.packages.find((p) => p.startsWith("d3@"))!;
      const source = await Deno.readTextFile(join(npm, plot, "_esm.js"));
      assert.ok(source.includes(`"../../${d3}/_esm.js"`), "Plot imports the shared d3");
      assert.ok(!/from"d3"|from "d3"/.test(source), "no bare d3 import left");
    });
    await t.step("copies binaries unchanged and names placeholder folders", async () => {
      const duckdb = first.packages.find((p) => p.startsWith("@duckdb/duckdb-wasm@"))!;
      const original = await Deno.readFile(
        join(ROOT, "node_modules/@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
      );
      assert.deepEqual(await Deno.readFile(join(npm, duckdb, "dist/duckdb-eh.wasm")), original);
      for (const name of NAMED_ONLY) {
        assert.ok((await Deno.stat(join(npm, `${name}@${PLACEHOLDER_VERSION}`))).isDirectory);
      }
    });
    await t.step("does nothing while the lockfile is unchanged, and rebuilds when it changes", async () => {
      assert.equal((await fillNpmCache({ root, log })).rebuilt, false);
      await Deno.writeTextFile(join(root, "package-lock.json"), "{}\n", { append: true });
      assert.equal((await fillNpmCache({ root, log })).rebuilt, true);
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
