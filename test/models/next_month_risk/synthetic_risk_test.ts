/**
 * The next-month risk tables of a seeded small synthetic pipeline run are well-formed: each keeps
 * its grain, probabilities and metrics lie in their ranges, ranks follow the probabilities, the
 * drivers add up to the log-odds, and independent queries on the feature table reproduce which
 * companies are predicted, which rows each backtest origin scored and how many it trained on.
 * No metric value is asserted: those are findings, reported on the Prediction center page.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { EXCLUDED_FEATURES } from "../../../models/next_month_risk/pipeline_options.ts";
import { NEXT_MONTH_RISK_OUTPUTS } from "../../../models/next_month_risk/step.ts";
import { NON_FEATURE_COLUMNS } from "../../../models/next_month_risk/feature_rows.ts";
import { pipelineRun } from "../../support/pipeline_run.ts";

const num = (v: unknown) => Number(v);

/** `YYYY-MM` shifted by one month, computed independently of the model's month arithmetic. */
function monthAfter(ym: string): string {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
function monthBefore(ym: string): string {
  const [y, m] = ym.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

Deno.test("next-month risk tables on the small synthetic payer", async (t) => {
  const { dir, manifest } = await pipelineRun(11, "small");
  const db = await openDb();
  try {
    await db.con.run(
      `create view features as select * from read_parquet(${
        sqlString(join(dir, "company_month_features.parquet"))
      })`,
    );
    for (const [table] of NEXT_MONTH_RISK_OUTPUTS) {
      await db.con.run(
        `create view ${table} as select * from read_parquet(${sqlString(join(dir, `${table}.parquet`))})`,
      );
    }
    const q = (sql: string) => queryRows(db, sql);

    await t.step("the pipeline writes every risk table and lists it in the manifest", () => {
      const names = new Set(manifest.files.map((f) => f.name));
      for (const [table] of NEXT_MONTH_RISK_OUTPUTS) assert.ok(names.has(`${table}.parquet`), table);
    });

    // The features the model should use, derived from the feature table's own columns.
    const columns = await q(
      "select column_name, column_type from (describe features)",
    );
    const excluded = new Set(EXCLUDED_FEATURES.map(([c]) => c));
    const expected = [
      ...columns.filter((c) =>
        !NON_FEATURE_COLUMNS.includes(String(c.column_name)) && !excluded.has(String(c.column_name)) &&
        /^(DOUBLE|INTEGER|BIGINT)$/.test(String(c.column_type))
      ).map((c) => String(c.column_name)),
      "high_risk_now",
    ];
    const complete = expected.map((f) => `"${f}" is not null`).join(" and ");

    await t.step("one fitted, converged model with a verdict in words", async () => {
      const model = await q("select * from risk_model");
      assert.equal(model.length, 1);
      const m = model[0]!;
      assert.equal(m.converged, true);
      assert.equal(m.features, expected.length);
      assert.match(
        String(m.verdict),
        /^(The model does not beat its baselines\. )?Against persistence the model /,
      );
      assert.match(
        String(m.c_selection),
        /^time-series CV over \d{4}-\d{2}, \d{4}-\d{2}, \d{4}-\d{2}: C 0\.01 /,
      );
      assert.equal(m.backtest_origins, 6);
      const [latest] = await q("select max(year_month) as m from features");
      assert.equal(m.trained_through, monthBefore(String(latest!.m)));
      const [labelled] = await q(
        `select count(*)::integer as n from features where high_risk_next is not null and ${complete}`,
      );
      assert.equal(m.train_rows, labelled!.n);
    });

    await t.step(
      "coefficients: the intercept and one row per expected feature, odds ratios = exp",
      async () => {
        const coef = await q("select * from risk_coefficients order by term");
        assert.deepEqual(coef.map((c) => c.feature), ["(intercept)", ...expected]);
        for (const c of coef.slice(1)) {
          assert.ok(
            Math.abs(num(c.odds_ratio_per_sd) - Math.exp(num(c.coefficient_std))) <
              1e-9 * num(c.odds_ratio_per_sd),
          );
          assert.ok(Number.isFinite(num(c.coefficient)));
        }
      },
    );

    await t.step("every company with complete features in the latest month is ranked", async () => {
      const predicted = await q("select * from company_risk_predictions order by risk_rank");
      const independent = await q(
        `select company_id from features where year_month = (select max(year_month) from features) and ${complete} order by company_id`,
      );
      assert.ok(predicted.length > 0);
      assert.deepEqual(predicted.map((p) => p.company_id).sort(), independent.map((r) => r.company_id));
      const [all] = await q(
        "select count(*)::integer as n from features where year_month = (select max(year_month) from features)",
      );
      assert.equal(predicted.length, all!.n, "the excluded columns no longer drop companies");
      predicted.forEach((p, i) => {
        assert.equal(p.risk_rank, i + 1);
        const prob = num(p.probability);
        assert.ok(prob >= 0 && prob <= 1, `probability ${prob}`);
        assert.ok(Math.abs(prob - 1 / (1 + Math.exp(-num(p.log_odds)))) < 1e-12);
        if (i > 0) assert.ok(prob <= num(predicted[i - 1]!.probability));
        assert.notEqual(p.driver_1, null);
      });
    });

    await t.step("drivers: one row per company and feature, adding up to the log-odds", async () => {
      const [grain] = await q(
        "select count(*)::integer as n, count(distinct (company_id, feature))::integer as keys from risk_drivers",
      );
      const [n] = await q("select count(*)::integer as n from company_risk_predictions");
      assert.equal(grain!.n, grain!.keys);
      assert.equal(grain!.n, num(n!.n) * expected.length);
      const gaps = await q(`
        select p.company_id, any_value(p.log_odds) as log_odds, any_value(c.coefficient_std) + sum(d.contribution) as total
        from company_risk_predictions p
        join risk_drivers d using (company_id)
        cross join (select coefficient_std from risk_coefficients where term = 0) c
        group by p.company_id having abs(any_value(p.log_odds) - total) > 1e-9`);
      assert.deepEqual(gaps, []);
    });

    await t.step(
      "backtest: each origin scores its month's labelled rows, trained on earlier labels only",
      async () => {
        const origins = await q(
          "select * from risk_backtest where scope = 'origin' order by origin_month, model",
        );
        assert.equal(origins.length, 18);
        for (const r of origins) {
          assert.equal(r.target_month, monthAfter(String(r.origin_month)));
          for (
            const k of ["roc_auc", "pr_auc", "brier", "top_decile_precision", "prevalence", "mean_predicted"]
          ) {
            if (r[k] !== null) assert.ok(num(r[k]) >= 0 && num(r[k]) <= 1, `${k} ${r[k]}`);
          }
          const [scored] = await q(
            `select count(*)::integer as n, sum(high_risk_next)::integer as pos from features
           where year_month = '${r.origin_month}' and high_risk_next is not null and ${complete}`,
          );
          assert.equal(r.rows, scored!.n, `rows at ${r.origin_month}`);
          assert.equal(r.positives, scored!.pos, `positives at ${r.origin_month}`);
          const [trained] = await q(
            `select count(*)::integer as n from features
           where year_month < '${r.origin_month}' and high_risk_next is not null and ${complete}`,
          );
          assert.equal(r.train_rows, trained!.n, `training rows at ${r.origin_month}`);
        }
        const pooled = await q("select * from risk_backtest where scope = 'pooled' order by model");
        assert.deepEqual(pooled.map((p) => p.model), ["base_rate", "logistic", "persistence"]);
        const total = origins.filter((o) => o.model === "logistic").reduce((s, o) => s + num(o.rows), 0);
        for (const p of pooled) assert.equal(p.rows, total);
      },
    );

    await t.step("calibration bins count every pooled prediction once per model and strategy", async () => {
      const sums = await q(
        "select model, strategy, sum(rows)::integer as n from risk_calibration group by all order by all",
      );
      const [pooled] = await q("select rows from risk_backtest where scope = 'pooled' limit 1");
      assert.equal(sums.length, 6);
      for (const s of sums) assert.equal(s.n, pooled!.rows, `${s.model} ${s.strategy}`);
    });

    await t.step("comparisons: six, each finding matching its interval", async () => {
      const rows = await q("select * from risk_comparison order by baseline, metric");
      assert.equal(rows.length, 6);
      for (const r of rows) {
        assert.ok(num(r.improvement_lower) <= num(r.improvement_upper));
        const finding = num(r.improvement_lower) > 0
          ? "better"
          : num(r.improvement_upper) < 0
          ? "worse"
          : "no clear difference";
        assert.equal(r.finding, finding, `${r.baseline} ${r.metric}`);
      }
    });
  } finally {
    closeDb(db);
  }
});
