import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { sha256Hex } from "../../loaders/manifest.ts";
import { databaseOptions, runPipeline } from "../../loaders/pipeline.ts";
import { DEFAULT_SEED, seedFromEnv } from "../../loaders/settings.ts";
import { pipelineRun } from "../support/pipeline_run.ts";

async function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("runPipeline()", async (t) => {
  await t.step(
    "the same seed gives byte-identical Parquet whatever DuckDB's thread count or memory cap; another seed gives other data",
    async () => {
      // The shared run uses DuckDB's default of one thread per core and the default memory cap.
      const { manifest: shared } = await pipelineRun(11, "tiny");
      const [one, capped, other] = await Promise.all(
        [{ seed: 11, threads: 1 }, { seed: 11, threads: 2, memoryLimit: "256MB" }, { seed: 12, threads: 1 }]
          .map(
            (settings) => withTemp((out) => runPipeline({ out, scale: "tiny", ...settings })),
          ),
      );
      assert.deepEqual(one!.files, shared.files);
      assert.deepEqual(capped!.files, shared.files);
      assert.notDeepEqual(one!.files.map((f) => f.sha256), other!.files.map((f) => f.sha256));
    },
  );

  await t.step(
    "the database is capped at 2.5 GB and spills to the run's work folder unless told otherwise",
    async () => {
      const settings = async (options: Parameters<typeof databaseOptions>[0]) => {
        const db = await openDb(databaseOptions(options, "/tmp/lodestar-work"));
        try {
          const [row] = await queryRows(
            db,
            "select current_setting('memory_limit') as memory, current_setting('temp_directory') as spill",
          );
          return row;
        } finally {
          closeDb(db);
        }
      };
      // DuckDB reports limits in GiB/MiB: 2.5 GB = 2.3 GiB, 1 GB = 953.6 MiB
      assert.deepEqual(await settings({}), { memory: "2.3 GiB", spill: "/tmp/lodestar-work/spill" });
      assert.deepEqual(await settings({ memoryLimit: "1GB" }), {
        memory: "953.6 MiB",
        spill: "/tmp/lodestar-work/spill",
      });
      assert.deepEqual(databaseOptions({ onDisk: true }, "/w"), {
        path: "/w/pipeline.duckdb",
        memoryLimit: "2.5GB",
      });
    },
  );

  await t.step("the manifest's row counts and hashes describe the files written", async () => {
    const { dir: out, manifest } = await pipelineRun(11, "small");
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
        assert.equal(await sha256Hex(await Deno.readFile(join(out, file.name))), file.sha256);
      }
    } finally {
      closeDb(db);
    }
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
