import assert from "node:assert/strict";
import { join } from "node:path";
import { canIsolateNetwork, copyProject, hashTree, offlineBuild } from "../support/project.ts";
import { builtSite } from "../support/site.ts";

let second: Promise<string> | undefined;

/**
 * A copy of the project built once more, as the first build was (small scale), in another folder. The
 * byte-for-byte comparison reads it; the staleness checks then rebuild it, so its first build serves both.
 */
function secondBuild(): Promise<string> {
  second ??= (async () => {
    const dir = await copyProject();
    await offlineBuild(dir);
    return dir;
  })();
  return second;
}

const PARQUET = /^_file\/data\/lodestar\/data_overview_monthly\.[0-9a-f]{8}\.parquet$/;

function parquetOf(hashes: Map<string, string>): [string, string] {
  const found = [...hashes].find(([path]) => PARQUET.test(path));
  assert.ok(found, `no data_overview_monthly parquet among ${[...hashes.keys()].join(", ")}`);
  return found;
}

Deno.test("observable build, run alone on a clean copy, builds the whole site with no network", async () => {
  const { dist, log } = await builtSite();
  if (!(await canIsolateNetwork())) console.warn("unshare -n unavailable: only fetch() is blocked");
  const hashes = await hashTree(dist);
  for (const page of ["index.html", "data/explorer.html"]) assert.ok(hashes.has(page), `missing ${page}`);
  parquetOf(hashes);
  for (const asset of ["duckdb-eh.wasm", "parquet_wasm_bg.wasm", "duckdb-browser-eh.worker."]) {
    assert.ok([...hashes.keys()].some((p) => p.includes(asset)), `missing ${asset}`);
  }
  assert.ok(!/jsdelivr|registry\.npmjs/.test(log), `the build tried to download:\n${log}`);
  // No page refers to another host for a script, stylesheet or font.
  for (const page of ["index.html", "data/explorer.html"]) {
    const html = await Deno.readTextFile(join(dist, page));
    assert.equal(html.match(/(?:src|href)="https?:\/\/[^"]*"/g), null, `${page} loads from another host`);
  }
});

Deno.test("two builds of the same inputs in different folders are byte-identical", async () => {
  const first = await hashTree((await builtSite()).dist);
  const second = await hashTree(join(await secondBuild(), "dist"));
  assert.deepEqual([...second.keys()], [...first.keys()]);
  const differing = [...first].filter(([path, hash]) => second.get(path) !== hash).map(([path]) => path);
  assert.deepEqual(differing, []);
});

Deno.test("a rebuild never serves stale loader outputs", async (t) => {
  const dir = await secondBuild();
  try {
    const [, before] = parquetOf(await hashTree(join(dir, "dist")));

    await t.step("an unchanged rebuild reuses the cached output", async () => {
      const { stdout } = await offlineBuild(dir);
      assert.ok(!stdout.includes("load /data/lodestar.tar → [missing]"), stdout);
      assert.ok(stdout.includes("[fresh]"), stdout);
      const [, again] = parquetOf(await hashTree(join(dir, "dist")));
      assert.equal(again, before);
    });

    await t.step("editing SQL under loaders/ changes the output", async () => {
      const sql = join(dir, "loaders", "core", "data_overview_monthly.sql");
      const text = await Deno.readTextFile(sql);
      assert.ok(text.includes("round(coalesce(med.medical_paid, 0), 2)"));
      await Deno.writeTextFile(
        sql,
        text.replace("round(coalesce(med.medical_paid, 0), 2)", "round(coalesce(med.medical_paid, 0), 0)"),
      );
      await offlineBuild(dir);
      const [, after] = parquetOf(await hashTree(join(dir, "dist")));
      assert.notEqual(after, before);
    });

    await t.step("a change under data/ re-runs the loaders", async () => {
      await Deno.writeTextFile(join(dir, "data", "touched.txt"), "new reference file\n");
      const { stdout } = await offlineBuild(dir);
      // The pipeline's archive loader runs again instead of serving its cached tar.
      assert.ok(stdout.includes("load /data/lodestar.tar → [missing]"), stdout);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an analyst's own files replace the synthetic default with no code change", async () => {
  const dir = await copyProject();
  try {
    await offlineBuild(dir, { LODESTAR_INPUT: "test/input/flat-claims", LODESTAR_MAPPING: "flat-claims" });
    const hashes = await hashTree(join(dir, "dist"));
    const manifestPath = [...hashes.keys()].find((p) =>
      /^_file\/data\/lodestar\/manifest\.[0-9a-f]{8}\.json$/.test(p)
    );
    assert.ok(manifestPath, "the data overview page ships the manifest");
    const manifest = JSON.parse(await Deno.readTextFile(join(dir, "dist", manifestPath)));
    assert.equal(manifest.input, "analyst");
    assert.equal(manifest.scenario, "flat-claims");
    assert.ok(manifest.report.notes.some((n: string) => n.includes("no diagnoses")));
    const rejects = manifest.files.find((f: { name: string }) => f.name === "rejects.parquet");
    assert.ok(rejects.rows > 0, "the fixture's bad rows are reported");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
