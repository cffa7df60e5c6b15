/**
 * The access manifest: URL keys of pages, the hashed-name → source rule, `registerFile`
 * references, roles by the policy's rules, and what is left out (dotfiles, symlinks).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  loadManifest,
  MANIFEST_FILE,
  pageUrls,
  referencedFiles,
  sourceOfHashed,
} from "../../gateway/manifest.ts";
import { fixtureManifest, makeSite } from "./fixture.ts";

Deno.test("sourceOfHashed()", () => {
  assert.equal(
    sourceOfHashed("_file/data/lodestar/member_gaps.0a1b2c3d.parquet"),
    "data/lodestar/member_gaps.parquet",
  );
  assert.equal(sourceOfHashed("_file/data/data_dictionary.ffffffff.json"), "data/data_dictionary.json");
  assert.equal(sourceOfHashed("_file/a.b.12345678.csv"), "a.b.csv");
  // Not Framework's hash shape: left alone.
  assert.equal(sourceOfHashed("_file/data/x.parquet"), "data/x.parquet");
});

Deno.test("pageUrls()", () => {
  assert.deepEqual(pageUrls("index.html"), ["/index.html", "/"]);
  assert.deepEqual(pageUrls("data/index.html"), ["/data/index.html", "/data/"]);
  assert.deepEqual(pageUrls("data/explorer.html"), ["/data/explorer.html", "/data/explorer"]);
});

Deno.test("referencedFiles()", () => {
  const html =
    `registerFile("./lodestar/a.parquet", {"name":"./lodestar/a.parquet","mimeType":"application/vnd.apache.parquet",` +
    `"path":"../_file/data/lodestar/a.0a1b2c3d.parquet","lastModified":0,"size":8});\n` +
    `registerFile("./x.json", {"name":"./x.json","path":"../../outside.json"});\n`;
  assert.deepEqual(referencedFiles(html, "data/explorer.html"), ["_file/data/lodestar/a.0a1b2c3d.parquet"]);
});

Deno.test("buildManifest()", async (t) => {
  const { dist, manifest } = await makeSite();
  const roles = (url: string) => manifest.entries[url]?.roles;
  await t.step("pages take their section's roles; money and member pages narrow them", () => {
    assert.deepEqual(roles("/"), ["executive"]);
    assert.deepEqual(roles("/care/gaps"), ["caretaker"]);
    assert.deepEqual(roles("/care/member_list"), ["caretaker"]);
    assert.deepEqual(roles("/stars/measures"), ["executive", "caretaker"]);
    assert.deepEqual(roles("/exec/roi"), ["executive"]);
    assert.deepEqual(roles("/exec/roi.html"), ["executive"]);
    assert.deepEqual(roles("/methodology/"), ["executive", "caretaker", "reviewer"]);
    assert.deepEqual(roles("/data/explorer"), ["reviewer"]);
    assert.deepEqual(roles("/404"), []);
  });
  await t.step(
    "data files: member → caretaker, financial → executive, aggregates → referrers + reviewer",
    () => {
      assert.deepEqual(roles("/_file/data/lodestar/member_gaps.0a1b2c3d.parquet"), ["caretaker"]);
      assert.deepEqual(roles("/_file/data/lodestar/qbp_roi.3a1b2c3d.parquet"), ["executive"]);
      assert.deepEqual(roles("/_file/data/lodestar/gap_rates.1a1b2c3d.parquet"), ["caretaker", "reviewer"]);
      assert.deepEqual(roles("/_file/data/lodestar/star_summary.2a1b2c3d.parquet"), [
        "executive",
        "caretaker",
        "reviewer",
      ]);
      assert.deepEqual(roles("/_file/data/lodestar/orphan_rates.5a1b2c3d.parquet"), ["reviewer"]);
      assert.equal(
        manifest.entries["/_file/data/lodestar/qbp_roi.3a1b2c3d.parquet"]?.source,
        "data/lodestar/qbp_roi.parquet",
      );
    },
  );
  await t.step("shared assets go to every role; other files to none; dotfiles are absent", () => {
    assert.deepEqual(roles("/_observablehq/client.0123abcd.js"), ["executive", "caretaker", "reviewer"]);
    assert.deepEqual(roles("/_npm/d3@7.9.0/_esm.js"), ["executive", "caretaker", "reviewer"]);
    assert.deepEqual(roles("/exec/roi.js"), []);
    assert.deepEqual(roles("/_observablehq/minisearch.json"), [], "the search index holds every page's text");
    assert.equal(manifest.entries["/.env"], undefined);
    assert.equal(manifest.entries[`/${MANIFEST_FILE}`], undefined);
  });
  await t.step("a symlink in the build is left out", async () => {
    await Deno.symlink("/etc/hostname", join(dist, "link.html"));
    const again = await fixtureManifest(dist);
    assert.equal(again.entries["/link.html"], undefined);
    assert.equal(again.entries["/link"], undefined);
  });
  await t.step(
    "loadManifest() reads what writeManifest() wrote and names the task when missing",
    async () => {
      assert.deepEqual(await loadManifest(dist), manifest);
      await assert.rejects(() => loadManifest(join(dist, "care")), /run `deno task manifest`/);
    },
  );
  await Deno.remove(dist, { recursive: true });
});
