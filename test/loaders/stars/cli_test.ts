import assert from "node:assert/strict";
import { join } from "node:path";
import { findTable } from "../../../loaders/stars/cms_files.ts";
import { parseStarsArgs, runStarsCli } from "../../../loaders/stars/cli.ts";
import { parseCsv } from "../../../src/lib/stars/csv.ts";
import { assertGolden } from "../../support/golden.ts";
import { CMS_2026_DIR, published2026, SUMMARY_2026 } from "../../lib/stars/_cms_2026.ts";

Deno.test("deno task stars on CMS's 2026 files: golden output that matches every published rating", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = join(dir, "ratings.csv");
    const n = await runStarsCli(
      parseStarsArgs([
        "--cms-dir",
        CMS_2026_DIR,
        "--year",
        "2026",
        "--out",
        out,
        "--contracts",
        SUMMARY_2026,
      ]),
    );
    assert.equal(n, 769);
    const text = await Deno.readTextFile(out);
    const rows = parseCsv(text);
    assert.deepEqual(rows[0]!.slice(0, 5), [
      "contract_id",
      "part_c_summary",
      "part_d_summary",
      "overall",
      "highest_rating",
    ]);
    for (const row of rows.slice(1)) {
      assert.deepEqual(row.slice(1, 4), published2026.get(row[0]!) ?? ["", "", ""], row[0]);
    }
    await assertGolden("stars_2026_ratings.csv", text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task stars: argument and folder errors", async () => {
  assert.throws(() => parseStarsArgs(["--year", "2026", "--out", "x.csv"]), /--cms-dir is required/);
  assert.throws(
    () => parseStarsArgs(["--cms-dir", "d", "--year", "last", "--out", "x.csv"]),
    /--year must be a Star year like 2026 \("last"\)/,
  );
  const empty = await Deno.makeTempDir();
  try {
    await assert.rejects(
      runStarsCli({ cmsDir: empty, year: 2026, out: join(empty, "o.csv") }),
      /has no "2026 Star Ratings Data Table - measure stars …csv" file/,
    );
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
  assert.throws(
    () =>
      findTable(
        [
          "2026 Star Ratings Data Table - CAI (Oct 8 2025).csv",
          "2026 Star Ratings Data Table - CAI (Oct 9).csv",
        ],
        2026,
        "cai",
      ),
    /Several 2026 "cai" tables/,
  );
});
