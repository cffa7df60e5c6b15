import assert from "node:assert/strict";
import { validateCutPoints2026, validationCsv } from "../../../loaders/stars/cut_points_validation.ts";
import { tableCells } from "../../support/markdown_table.ts";

const root = new URL("../../../", import.meta.url).pathname;
const inputs = { cmsDir: `${root}data/reference/cms-2026`, starsDir: `${root}data/reference/stars` };

Deno.test("validateCutPoints2026()", async (t) => {
  const rows = validateCutPoints2026(inputs);
  const byKey = new Map(rows.map((r) => [`${r.measureId}/${r.pool}`, r]));

  await t.step("matches the golden CSV of computed thresholds (seed 8675309)", () => {
    const golden = `${root}test/output/cut_points_2026.csv`;
    const actual = validationCsv(rows);
    let expected: string | null = null;
    try {
      expected = Deno.readTextFileSync(golden);
    } catch {
      if (Deno.env.get("CI")) throw new Error(`missing golden ${golden}`);
      Deno.writeTextFileSync(golden, actual);
      return;
    }
    if (actual !== expected) {
      Deno.writeTextFileSync(golden.replace(/\.csv$/, "-changed.csv"), actual);
      assert.fail(`cut points changed: compare ${golden} with cut_points_2026-changed.csv`);
    }
  });
  await t.step("the committed report shows the thresholds computed now", () => {
    const doc = Deno.readTextFileSync(`${root}docs/cut-points-validation.md`);
    const table = doc.split("\n").filter((l) => /^\| [CD]\d\d/.test(l)).map(tableCells);
    assert.equal(table.length, rows.length);
    table.forEach((cells, i) => {
      const r = rows[i]!;
      const show = (t: number[] | null) => t ? t.map((x) => x.toFixed(r.precision)).join(" / ") : "–";
      assert.ok(cells[0]!.startsWith(r.measureId), cells[0]);
      assert.equal(cells[5], show(r.meanResampled), `${r.measureId} ${r.pool} MR`);
      assert.equal(cells[8], show(r.meanResampledCmsFence), `${r.measureId} ${r.pool} MR in CMS's fence`);
      assert.equal(cells[12], show(r.final), `${r.measureId} ${r.pool} final`);
    });
  });
  await t.step("covers 34 measures, 9 of them in both Part D pools", () => {
    assert.equal(rows.length, 43);
    assert.equal(rows.filter((r) => r.pool === "PDP").length, 9);
  });
  await t.step(
    "D07 price accuracy degenerates as CMS's did: one cluster at 99 → 0/0/0/99, then −5 guardrails",
    () => {
      const d07 = byKey.get("D07/MA-PD")!;
      assert.deepEqual(d07.fence, [99, 99]);
      assert.deepEqual(d07.meanResampled, [0, 0, 0, 99]);
      assert.deepEqual(d07.final, d07.cmsFinal);
    },
  );
  await t.step(
    "where CMS's guardrail binds on every level that moved, the computed final equals CMS's",
    () => {
      for (const id of ["C08", "C09", "C12", "C31"]) {
        const r = byKey.get(`${id}/MA-PD`)!;
        assert.deepEqual(r.final, r.cmsFinal, id);
      }
    },
  );
  await t.step("new measures are not guardrailed and PDP rows lack 2025 cut points", () => {
    for (const id of ["C04", "C05", "C13", "C18", "C20", "C21"]) {
      const r = byKey.get(`${id}/MA-PD`)!;
      assert.equal(r.guardrail, "new measure");
      assert.deepEqual(r.final, r.meanResampled);
    }
    assert.ok(
      rows.filter((r) => r.pool === "PDP").every((r) => r.guardrail === "no 2025 cut points" && !r.final),
    );
  });
  await t.step("computed mean-resampled thresholds stay within 15 points of CMS's, most within 1", () => {
    const diffs = rows.flatMap((r) =>
      r.cmsMeanResampled && r.precision === 0
        ? r.meanResampled.map((x, s) => Math.abs(x - r.cmsMeanResampled![s]!))
        : []
    );
    assert.ok(Math.max(...diffs) <= 15, `max ${Math.max(...diffs)}`);
    assert.ok(diffs.filter((d) => d <= 1).length / diffs.length >= 0.75);
  });
});
