/**
 * The pipeline's `recommendations` table on the small synthetic run (seed 11; no key: the rule library answers):
 * its schema and grain, one row per weak measure with a member count and per company at or above the
 * high-risk probability, every cited figure equal to the figure in the table it comes from, every row
 * passing the reply check against its context, and the data's as-of date as generated date.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { pipelineRun } from "../support/pipeline_run.ts";
import { rulesClient } from "../../loaders/genai/client.ts";
import { loadLibrary } from "../../loaders/genai/library.ts";
import { recommendationContexts } from "../../loaders/genai/recommendations.ts";
import { checkReply } from "../../loaders/genai/schema.ts";

const COLUMNS = [
  ["subject_type", "VARCHAR"],
  ["subject_id", "VARCHAR"],
  ["actions", "VARCHAR"],
  ["rationale", "VARCHAR"],
  ["expected_effect", "VARCHAR"],
  ["figures_used", "VARCHAR"],
  ["source", "VARCHAR"],
  ["note", "VARCHAR"],
  ["generated_date", "DATE"],
  ["cache_key", "VARCHAR"],
];

Deno.test("runPipeline() writes recommendations for the weak measures and high-risk companies", async () => {
  // Shared with the synthetic invariants test (seed 11, small scale).
  const { dir: out, manifest } = await pipelineRun(11, "small");
  const db = await openDb({ threads: 1 });
  try {
    const file = (name: string) => sqlString(join(out, `${name}.parquet`));
    assert.ok(manifest.files.some((f) => f.name === "recommendations.parquet"));

    const schema = await queryRows(db, `describe select * from ${file("recommendations")}`);
    assert.deepEqual(schema.map((c) => [c.column_name, c.column_type]), COLUMNS);

    const rows = await queryRows(
      db,
      `select * replace (strftime(generated_date, '%Y-%m-%d') as generated_date) from ${
        file("recommendations")
      }`,
    );
    // Expected subjects, computed from the input tables directly.
    const weak = await queryRows(
      db,
      `select contract_id || '/' || measure_key as id, members_to_next_star as n,
        round(revenue_change_per_year) as dollars, weight
       from ${file("weak_measures")} where members_to_next_star is not null`,
    );
    const risky = await queryRows(
      db,
      `select company_id::varchar as id, probability, risk_rank from ${
        file("company_risk_predictions")
      } where probability >= 0.5`,
    );
    assert.ok(weak.length > 0, "the small run has weak measures");
    const ids = (type: string) =>
      rows.filter((r) => r.subject_type === type).map((r) => String(r.subject_id)).sort();
    assert.deepEqual(ids("weak_measure"), weak.map((w) => String(w.id)).sort());
    assert.deepEqual(ids("company"), risky.map((c) => String(c.id)).sort());
    assert.equal(rows.length, weak.length + risky.length);

    // The as-of date: the latest claim's service date (the care step's data end), on every row.
    const [latest] = await queryRows(
      db,
      `select strftime(max(service_date), '%Y-%m-%d') as d from ${file("medical_claims")}`,
    );
    const asOf = String(rows[0]!.generated_date);
    assert.equal(asOf, latest!.d);
    assert.ok(rows.every((r) => r.generated_date === asOf && r.source === "rules" && r.note === null));

    // Cited figures equal the source tables' figures.
    const weakById = new Map(weak.map((w) => [String(w.id), w]));
    const riskyById = new Map(risky.map((c) => [String(c.id), c]));
    for (const r of rows) {
      const used = JSON.parse(String(r.figures_used)) as { name: string; value: number }[];
      assert.ok(used.length > 0, `${r.subject_id} cites a figure`);
      const source: Record<string, unknown> = r.subject_type === "weak_measure"
        ? {
          members_needed: weakById.get(String(r.subject_id))!.n,
          dollar_effect: weakById.get(String(r.subject_id))!.dollars,
          weight: weakById.get(String(r.subject_id))!.weight,
        }
        : {
          probability: riskyById.get(String(r.subject_id))!.probability,
          risk_rank: riskyById.get(String(r.subject_id))!.risk_rank,
        };
      for (const { name, value } of used) {
        if (name in source) assert.equal(value, Number(source[name]), `${r.subject_id} ${name}`);
        else assert.equal(typeof value, "number", `${r.subject_id} ${name}`);
      }
    }

    // Every row passes the reply check against its context (each number written is a context figure).
    for (const table of ["weak_measures", "company_risk_predictions", "stars_catalogue_2026"]) {
      await db.con.run(`create table ${table} as select * from ${file(table)}`);
    }
    const contexts = await recommendationContexts(db, {
      client: rulesClient(),
      library: await loadLibrary(),
      asOf,
    });
    const byKey = new Map(contexts.map((c) => [`${c.subject_type} ${c.subject_id}`, c]));
    for (const r of rows) {
      const context = byKey.get(`${r.subject_type} ${r.subject_id}`);
      assert.ok(context, `${r.subject_type} ${r.subject_id} has a context`);
      const used = JSON.parse(String(r.figures_used)) as { name: string; value: number }[];
      for (const { name, value } of used) {
        assert.equal(value, context.figures[name], `${r.subject_id} ${name}`);
      }
      const reply = JSON.stringify({
        actions: JSON.parse(String(r.actions)),
        rationale: r.rationale,
        expected_effect: r.expected_effect,
        figures_used: used.map((u) => u.name),
      });
      const checked = checkReply(reply, context, "rules");
      assert.ok(checked.ok, `${r.subject_id}: ${checked.ok ? "" : checked.reason}`);
    }
  } finally {
    closeDb(db);
  }
});
