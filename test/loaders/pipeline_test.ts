import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { sha256Hex } from "../../loaders/manifest.ts";
import { databaseOptions, memberSlices, runPipeline } from "../../loaders/pipeline.ts";
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
    "the database is capped at 2 GB and spills to the run's work folder unless told otherwise",
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
      // DuckDB reports limits in GiB/MiB: 2 GB = 1.8 GiB, 1 GB = 953.6 MiB
      assert.deepEqual(await settings({}), { memory: "1.8 GiB", spill: "/tmp/lodestar-work/spill" });
      assert.deepEqual(await settings({ memoryLimit: "1GB" }), {
        memory: "953.6 MiB",
        spill: "/tmp/lodestar-work/spill",
      });
      assert.deepEqual(databaseOptions({ onDisk: true }, "/w"), {
        path: "/w/pipeline.duckdb",
        memoryLimit: "2GB",
      });
    },
  );

  await t.step(
    "an analyst's claims written in member slices are the same rows in the same order, whatever the slice size and thread count",
    async () => {
      // the synthetic payer's contract tables as an analyst's input folder
      const { dir: whole, manifest } = await pipelineRun(11, "tiny");
      const members = manifest.files.find((f) => f.name === "members.parquet")!.rows;
      const files = ["medical_claims.parquet", "pharmacy_claims.parquet"];
      // rows with their positions, hashed: equal only for the same rows in the same order
      const digest = async (dir: string) => {
        const db = await openDb();
        try {
          return await Promise.all(files.map(async (name) => {
            const path = sqlString(join(dir, name));
            const [row] = await queryRows(
              db,
              `select count(*)::integer as rows, sum(hash(t::varchar)::hugeint)::varchar as digest
                 , (select count(*)::integer from parquet_metadata(${path}) where column_id = 0) as row_groups
               from read_parquet(${path}, file_row_number = true) t`,
            );
            return row!;
          }));
        } finally {
          closeDb(db);
        }
      };
      await withTemp(async (input) => {
        for (const table of ["providers", "members", "eligibility", "medical_claims", "pharmacy_claims"]) {
          await Deno.copyFile(join(whole, `${table}.parquet`), join(input, `${table}.parquet`));
        }
        const runs = await Promise.all(
          [{ sliceMembers: 300, threads: 1 }, { sliceMembers: 300, threads: 2 }, {
            sliceMembers: members,
            threads: 2,
          }].map((settings) =>
            withTemp(async (out) => {
              const run = await runPipeline({ out, seed: 11, input, stage: "core", ...settings });
              return { files: run.files.filter((f) => files.includes(f.name)), digest: await digest(out) };
            })
          ),
        );
        assert.deepEqual(runs[0]!.files, runs[1]!.files);
        for (const [i, file] of runs[0]!.digest.entries()) {
          const one = runs[2]!.digest[i]!;
          assert.ok(Number(file.rows) > 1000, `${files[i]}: ${file.rows} rows`);
          assert.equal(file.rows, one.rows);
          assert.equal(file.digest, one.digest);
          // each slice is at least one row group of its own
          assert.ok(
            Number(file.row_groups) >= Math.ceil(members / 300),
            `${files[i]}: ${file.row_groups} row groups`,
          );
          assert.equal(one.row_groups, 1);
        }
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

  await t.step("rejects a seed that is not a non-negative integer, and slices without members", async () => {
    await assert.rejects(
      withTemp((out) => runPipeline({ out, seed: -1 })),
      /non-negative integer \(got -1\)/,
    );
    await assert.rejects(
      withTemp((out) => runPipeline({ out, seed: 1, sliceMembers: 0 })),
      /sliceMembers must be a positive integer \(got 0\)/,
    );
  });
});

Deno.test("seedFromEnv()", () => {
  assert.equal(seedFromEnv(() => undefined), DEFAULT_SEED);
  assert.equal(seedFromEnv(() => "42"), 42);
  assert.throws(() => seedFromEnv(() => "4.2"), /LODESTAR_SEED: expected a non-negative integer, got "4.2"/);
});

Deno.test("memberSlices()", async (t) => {
  await t.step("puts every member id, and rows without one, in exactly one slice, in order", async () => {
    const db = await openDb();
    try {
      const slices = memberSlices(["M10", "M20", "M30"]);
      assert.equal(slices.length, 4);
      const ids = ["M0", "M10", "M15", "M2", "M20", "M25", "M30", "M99", null];
      const rows = await queryRows(
        db,
        `select coalesce(member_id, 'null') as id, ${
          slices.map((where, i) => `(${where})::integer * ${i + 1}`).join(" + ")
        } as slice, ${slices.map((where) => `coalesce((${where})::integer, 0)`).join(" + ")} as matches
         from (select unnest(${
          JSON.stringify(ids).replaceAll('"', "'")
        }::varchar[]) as member_id) order by member_id nulls last`,
      );
      assert.deepEqual(rows.map((r) => [r.id, Number(r.matches)]), ids.map((id) => [id ?? "null", 1]));
      assert.deepEqual(rows.map((r) => r.slice === null ? 4 : Number(r.slice)), [1, 2, 2, 2, 3, 3, 4, 4, 4]);
    } finally {
      closeDb(db);
    }
  });

  await t.step("without bounds, one slice of everything", () => {
    assert.deepEqual(memberSlices([]), ["true"]);
  });
});
