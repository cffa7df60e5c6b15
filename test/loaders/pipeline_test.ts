import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { runPipeline } from "../../loaders/pipeline.ts";
import { DEFAULT_SEED, seedFromEnv } from "../../loaders/settings.ts";

async function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("runPipeline()", async (t) => {
  await t.step("the same seed gives byte-identical Parquet; another seed gives other data", async () => {
    const [a, b, c] = await Promise.all(
      [1, 1, 2].map((seed) => withTemp((out) => runPipeline({ out, seed, scale: "small" }))),
    );
    assert.deepEqual(a!.files, b!.files);
    assert.notDeepEqual(a!.files.map((f) => f.sha256), c!.files.map((f) => f.sha256));
  });

  await t.step("the Parquet bytes do not depend on DuckDB's thread count or memory cap", async () => {
    const [one, four, capped] = await Promise.all(
      [{ threads: 1 }, { threads: 4 }, { threads: 2, memoryLimit: "256MB" }].map((settings) =>
        withTemp((out) => runPipeline({ out, seed: 3, scale: "small", months: 12, ...settings }))
      ),
    );
    assert.deepEqual(one!.files, four!.files);
    assert.deepEqual(one!.files, capped!.files);
  });

  await t.step("the manifest's row counts and hashes describe the files written", async () => {
    await withTemp(async (out) => {
      const manifest = await runPipeline({ out, seed: 7, scale: "small" });
      const onDisk = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
      assert.deepEqual(onDisk, manifest);
      const db = await openDb();
      try {
        for (const file of manifest.files) {
          const [row] = await queryRows(
            db,
            `select count(*)::integer as n from ${sqlString(join(out, file.name))}`,
          );
          assert.equal(row!.n, file.rows);
        }
      } finally {
        closeDb(db);
      }
    });
  });

  await t.step("rejects a seed that is not a non-negative integer", async () => {
    await assert.rejects(
      withTemp((out) => runPipeline({ out, seed: -1 })),
      /non-negative integer \(got -1\)/,
    );
  });
});

Deno.test("seedFromEnv()", () => {
  assert.equal(seedFromEnv(() => undefined), DEFAULT_SEED);
  assert.equal(seedFromEnv(() => "42"), 42);
  assert.throws(() => seedFromEnv(() => "4.2"), /LODESTAR_SEED: expected a non-negative integer, got "4.2"/);
});
