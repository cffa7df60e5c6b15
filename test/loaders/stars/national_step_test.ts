import assert from "node:assert/strict";
import { closeDb, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { buildNationalStars } from "../../../loaders/stars/national_step.ts";

Deno.test("buildNationalStars()", async (t) => {
  const db = await openDb();
  try {
    await buildNationalStars(db);
    await t.step("one row per contract, and the engine's ratings equal CMS's published ones", async () => {
      const [row] = await queryRows(
        db,
        `select count(*)::integer as n, count(distinct contract_id)::integer as ids
          , count(published_overall)::integer as published
          , count(*) filter (where published_overall is not distinct from overall)::integer as overall_same
          , count(*) filter (where published_part_c is not distinct from part_c_summary)::integer as c_same
          , count(*) filter (where published_part_d is not distinct from part_d_summary)::integer as d_same
        from stars_national_2026 where published_overall is not null or published_part_c is not null
          or published_part_d is not null`,
      );
      assert.equal(row!.n, row!.ids);
      // cms_2026_summary_ratings.csv holds the 621 contracts CMS rated in 2026.
      assert.equal(row!.n, 621);
      assert.equal(row!.overall_same, 621);
      assert.equal(row!.c_same, 621);
      assert.equal(row!.d_same, 621);
    });
    await t.step("H0028's row: CMS publishes 3.5 overall, 3.5 Part C, 3 Part D", async () => {
      const [h] = await queryRows(db, `select * from stars_national_2026 where contract_id = 'H0028'`);
      assert.equal(h!.overall, 3.5);
      assert.equal(h!.part_c_summary, 3.5);
      assert.equal(h!.part_d_summary, 3);
      assert.equal(h!.highest_rating, "overall");
      assert.equal(h!.contract_kind, "ccp");
      assert.ok(String(h!.parent_organization).length > 0);
    });
    await t.step(
      "cut points: 33 Part C measures in pool all, 12 Part D in each of MA-PD and PDP",
      async () => {
        const rows = await queryRows(
          db,
          `select pool, count(*)::integer as n from stars_cut_points_2026 group by pool order by pool`,
        );
        assert.deepEqual(rows.map((r) => [r.pool, r.n]), [["MA-PD", 12], ["PDP", 12], ["all", 33]]);
        const [bcs] = await queryRows(db, `select * from stars_cut_points_2026 where cms_id = 'C01'`);
        assert.equal(bcs!.direction, "higher");
        assert.ok((bcs!.t2 as number) < (bcs!.t3 as number) && (bcs!.t4 as number) < (bcs!.t5 as number));
        const [pcr] = await queryRows(db, `select * from stars_cut_points_2026 where measure_key = 'pcr'`);
        assert.equal(pcr!.direction, "lower");
        assert.ok((pcr!.t2 as number) > (pcr!.t5 as number));
      },
    );
    await t.step("catalogue and interventions tables", async () => {
      const [c] = await queryRows(db, `select count(*)::integer as n from stars_catalogue_2026`);
      assert.equal(c!.n, 45);
      const rows = await queryRows(db, `select * from stars_interventions order by id`);
      assert.ok(rows.length >= 10);
      assert.ok(
        rows.every((r) => typeof r.lift_points === "number" && typeof r.cost_per_member === "number"),
      );
    });
  } finally {
    closeDb(db);
  }
});
