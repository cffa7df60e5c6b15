/**
 * Invariants of the care tables on a small seeded build: grains, ranks, links between tables, and
 * that the worklist's closures agree with the progress table.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { CARE_OUTPUTS } from "../../../loaders/care/step.ts";
import { pipelineRun } from "../../support/pipeline_run.ts";

Deno.test("buildCareOutputs() on the tiny synthetic payer", async (t) => {
  const { dir: out, manifest } = await pipelineRun(11, "tiny");
  const db = await openDb();
  try {
    for (const [table] of CARE_OUTPUTS) {
      await db.con.run(
        `create view ${table} as select * from read_parquet(${sqlString(join(out, `${table}.parquet`))})`,
      );
    }
    const none = async (sql: string) => assert.deepEqual(await queryRows(db, sql), [], sql);

    await t.step("every care table is written under a care_ name", () => {
      const names = manifest.files.map((f) => f.name);
      for (const [table] of CARE_OUTPUTS) assert.ok(names.includes(`${table}.parquet`), table);
      assert.ok(CARE_OUTPUTS.every(([table]) => table.startsWith("care_")));
    });
    await t.step("grains: one risk row per member, one gap per member and measure", async () => {
      await none("select member_id from care_member_risk group by 1 having count(*) > 1");
      await none("select member_id, measure_key from care_gaps group by all having count(*) > 1");
      await none("select contract_id, measure_id from care_gap_progress group by all having count(*) > 1");
    });
    await t.step("priority ranks run 1…n in decreasing priority", async () => {
      await none(
        `select priority_rank from (select priority_rank, row_number() over (order by priority_rank) as k
        , priority, lag(priority) over (order by priority_rank) as before from care_gaps)
        where priority_rank <> k or priority > before`,
      );
    });
    await t.step("worklist and alerts point at scored members; tiers and rules are known", async () => {
      await none("select member_id from care_gaps anti join care_member_risk using (member_id)");
      await none("select member_id from care_alerts anti join care_member_risk using (member_id)");
      await none("select tier from care_member_risk where tier not in ('high', 'rising', 'moderate', 'low')");
      await none(
        `select rule from care_alerts where rule not in ('er_visit_high_risk', 'discharge_without_follow_up'
        , 'gap_near_deadline', 'adherence_below_threshold', 'tier_up')`,
      );
    });
    await t.step("the worklist's closures to the next star are the progress table's", async () => {
      await none(`select g.member_id from care_gaps g join care_gap_progress p using (contract_id, measure_id)
        where g.needed_for_next_star is distinct from p.needed_for_next_star`);
    });
    await t.step("the high tier is the top 5% of the scored members", async () => {
      const [r] = await queryRows(
        db,
        `select count(*) filter (where tier = 'high')::double / count(*) as share
        , min(probability) filter (where tier = 'high') as lowest_high
        , max(probability) filter (where tier <> 'high') as highest_other from care_member_risk`,
      );
      assert.ok(Math.abs(Number(r!.share) - 0.05) < 0.01, `share ${r!.share}`);
      assert.ok(Number(r!.lowest_high) >= Number(r!.highest_other));
    });
  } finally {
    closeDb(db);
  }
});
