import assert from "node:assert/strict";
import { join } from "node:path";
import { inputFingerprint, invalidateStaleOutputs } from "../../platform/freshness.ts";

async function fixture(): Promise<string> {
  const root = await Deno.makeTempDir();
  for (
    const dir of [
      "loaders",
      "models",
      "data",
      "src/.observablehq/cache/_npm/d3@7.9.2",
      "src/.observablehq/cache/data",
    ]
  ) {
    await Deno.mkdir(join(root, dir), { recursive: true });
  }
  await Deno.writeTextFile(join(root, "loaders", "a.sql"), "select 1");
  await Deno.writeTextFile(join(root, "src/.observablehq/cache/data/out.parquet"), "old");
  await Deno.writeTextFile(join(root, "src/.observablehq/cache/_npm/d3@7.9.2/_esm.js"), "d3");
  return root;
}

Deno.test("inputFingerprint()", async (t) => {
  const root = await fixture();
  const base = inputFingerprint(root, {});
  await t.step("is stable when nothing changed", () => assert.equal(inputFingerprint(root, {}), base));
  await t.step("changes with the contents of loaders/, models/ or data/", async () => {
    for (const file of ["loaders/a.sql", "models/m.ts", "data/ref.csv"]) {
      const before = inputFingerprint(root, {});
      await Deno.writeTextFile(join(root, file), `changed ${file}`);
      assert.notEqual(inputFingerprint(root, {}), before, file);
    }
  });
  await t.step("changes with the input settings and the analyst's files", async () => {
    const now = inputFingerprint(root, {});
    assert.notEqual(inputFingerprint(root, { LODESTAR_SEED: "9" }), now);
    const input = join(root, "mine");
    await Deno.mkdir(input);
    await Deno.writeTextFile(join(input, "claims.csv"), "a");
    const withInput = inputFingerprint(root, { LODESTAR_INPUT: input });
    await Deno.writeTextFile(join(input, "claims.csv"), "ab");
    assert.notEqual(inputFingerprint(root, { LODESTAR_INPUT: input }), withInput);
  });
  await Deno.remove(root, { recursive: true });
});

Deno.test("invalidateStaleOutputs()", async (t) => {
  const root = await fixture();
  const cache = join(root, "src/.observablehq/cache");
  const log = () => {};
  await t.step("the first call clears loader outputs and keeps the npm cache", async () => {
    assert.equal(invalidateStaleOutputs({ root, env: {}, log }), true);
    await assert.rejects(Deno.stat(join(cache, "data/out.parquet")));
    assert.equal(await Deno.readTextFile(join(cache, "_npm/d3@7.9.2/_esm.js")), "d3");
  });
  await t.step("an unchanged project keeps its outputs", async () => {
    await Deno.mkdir(join(cache, "data"), { recursive: true });
    await Deno.writeTextFile(join(cache, "data/out.parquet"), "fresh");
    assert.equal(invalidateStaleOutputs({ root, env: {}, log }), false);
    assert.equal(await Deno.readTextFile(join(cache, "data/out.parquet")), "fresh");
  });
  await t.step("a changed loader library clears them", async () => {
    await Deno.writeTextFile(join(root, "loaders", "a.sql"), "select 2");
    assert.equal(invalidateStaleOutputs({ root, env: {}, log }), true);
    await assert.rejects(Deno.stat(join(cache, "data/out.parquet")));
  });
  await Deno.remove(root, { recursive: true });
});
