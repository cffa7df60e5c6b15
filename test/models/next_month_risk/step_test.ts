import assert from "node:assert/strict";
import { createAndAppend } from "../../../loaders/lib/append.ts";
import { closeDb, type Db, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { sigmoid } from "../../../models/logistic/sigmoid.ts";
import { buildNextMonthRisk, NEXT_MONTH_RISK_OUTPUTS } from "../../../models/next_month_risk/step.ts";
import { addMonths } from "../../../models/next_month_risk/year_month.ts";
import { assertGolden, goldenJson, roundDeep } from "../../support/golden.ts";

/** Seeded uniform generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/**
 * 60 companies × 18 months from 2024-07. High risk in month t + 1 is drawn with probability
 * σ(−1.5 + signal · er_rate(t)); `noise_a` and `noise_b` are unrelated; `flat` is constant.
 * The last month has no next-month label.
 */
async function featureTable(db: Db, signal: number, seed: number): Promise<void> {
  const u = random(seed);
  const rows: Record<string, unknown>[] = [];
  const months = Array.from({ length: 18 }, (_, i) => addMonths("2024-07", i));
  for (let c = 0; c < 60; c++) {
    let now = u() < 0.2 ? 1 : 0;
    months.forEach((month, i) => {
      const er = normal(u);
      const next = u() < sigmoid(-1.5 + signal * er) ? 1 : 0;
      rows.push({
        company_id: `C${String(c).padStart(3, "0")}`,
        year_month: month,
        member_months: 50 + 10 * c,
        er_rate: er,
        noise_a: normal(u),
        noise_b: 100 + 20 * normal(u),
        flat: 1,
        high_risk_now: now,
        high_risk_next: i === months.length - 1 ? null : next,
      });
      now = next;
    });
  }
  await createAndAppend(db, "company_month_features", [
    ["company_id", "varchar"],
    ["year_month", "varchar"],
    ["member_months", "double"],
    ["er_rate", "double"],
    ["noise_a", "double"],
    ["noise_b", "double"],
    ["flat", "double"],
    ["high_risk_now", "integer"],
    ["high_risk_next", "integer"],
  ], rows);
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ threads: 1 });
  try {
    return await fn(db);
  } finally {
    closeDb(db);
  }
}

type Pooled = Record<string, { roc_auc: number; pr_auc: number; brier: number }>;
async function pooled(db: Db): Promise<Pooled> {
  const rows = await queryRows(
    db,
    "select model, roc_auc, pr_auc, brier from risk_backtest where scope = 'pooled'",
  );
  return Object.fromEntries(rows.map((r) => [r.model, r])) as Pooled;
}

Deno.test("buildNextMonthRisk()", async (t) => {
  await t.step("finds a planted signal and beats both baselines", async () => {
    await withDb(async (db) => {
      await featureTable(db, 2, 1);
      const summary = await buildNextMonthRisk(db);
      assert.deepEqual(summary.features, ["er_rate", "noise_a", "noise_b", "flat", "high_risk_now"]);
      assert.equal(summary.featureMonth, "2025-12");
      assert.equal(summary.predictedMonth, "2026-01");
      assert.equal(summary.trainedThrough, "2025-11");
      assert.equal(summary.trainRows, 60 * 17);
      assert.equal(summary.converged, true);
      const coef = await queryRows(
        db,
        "select feature, coefficient_std from risk_coefficients order by term",
      );
      const byName = Object.fromEntries(coef.map((r) => [r.feature, Number(r.coefficient_std)]));
      // Recovers the planted log-odds (slope 2 per unit, er_rate has SD ≈ 1; intercept −1.5) within ~3 standard errors.
      assert.ok(Math.abs(byName.er_rate! - 2) < 0.4, `er_rate ${byName.er_rate}`);
      assert.ok(Math.abs(byName["(intercept)"]! + 1.5) < 0.4, `intercept ${byName["(intercept)"]}`);
      for (const f of ["noise_a", "noise_b", "high_risk_now"]) {
        assert.ok(Math.abs(byName[f]!) < 0.3, `${f} ${byName[f]}`);
      }
      assert.equal(byName.flat, 0);
      const p = await pooled(db);
      assert.ok(p.logistic!.roc_auc > 0.75, `AUC ${p.logistic!.roc_auc}`);
      assert.ok(p.logistic!.roc_auc > p.persistence!.roc_auc + 0.15);
      assert.ok(p.logistic!.brier < p.base_rate!.brier - 0.02);
      assert.ok(p.logistic!.pr_auc > p.persistence!.pr_auc);
      const [cal] = await queryRows(
        db,
        "select calibration_slope, mean_predicted, prevalence from risk_backtest where scope = 'pooled' and model = 'logistic'",
      );
      // The L2 penalty shrinks the log-odds (slope above 1); 360 predictions leave a standard error near 0.2.
      assert.ok(
        Number(cal!.calibration_slope) > 0.8 && Number(cal!.calibration_slope) < 1.6,
        `slope ${cal!.calibration_slope}`,
      );
      assert.ok(Math.abs(Number(cal!.mean_predicted) - Number(cal!.prevalence)) < 0.05);
      assert.match(
        summary.verdict,
        /^Against persistence the model beats persistence on ROC-AUC, PR-AUC, Brier score\. /,
      );
      const findings = await queryRows(
        db,
        "select finding, improvement_lower > 0 as above from risk_comparison",
      );
      assert.equal(findings.length, 6);
      for (const f of findings) assert.deepEqual([f.finding, f.above], ["better", true]);
    });
  });

  await t.step("without signal it does not beat the base rate meaningfully", async () => {
    await withDb(async (db) => {
      await featureTable(db, 0, 2);
      const summary = await buildNextMonthRisk(db);
      const p = await pooled(db);
      // 360 pooled predictions: an AUC's standard error is about 0.035.
      assert.ok(Math.abs(p.logistic!.roc_auc - 0.5) < 0.1, `AUC ${p.logistic!.roc_auc}`);
      assert.ok(
        p.logistic!.brier > p.base_rate!.brier - 0.005,
        `${p.logistic!.brier} vs ${p.base_rate!.brier}`,
      );
      assert.match(summary.verdict, /^The model does not beat its baselines\. /);
      const [better] = await queryRows(
        db,
        "select count(*)::integer as n from risk_comparison where finding = 'better'",
      );
      assert.equal(better!.n, 0);
    });
  });

  await t.step(
    "tables are consistent: ranks, drivers sum to the log-odds, backtest windows, calibration counts",
    async () => {
      await withDb(async (db) => {
        await featureTable(db, 2, 3);
        await buildNextMonthRisk(db, { origins: 4 });
        const preds = await queryRows(
          db,
          "select company_id, year_month, feature_month, probability, log_odds, risk_rank, driver_1 from company_risk_predictions order by risk_rank",
        );
        assert.equal(preds.length, 60);
        preds.forEach((r, i) => {
          assert.equal(r.risk_rank, i + 1);
          assert.equal(r.year_month, "2026-01");
          assert.equal(r.feature_month, "2025-12");
          assert.ok(Math.abs(Number(r.probability) - sigmoid(Number(r.log_odds))) < 1e-15);
          if (i > 0) assert.ok(Number(r.probability) <= Number(preds[i - 1]!.probability));
        });
        const [mismatch] = await queryRows(
          db,
          `select max(abs(p.log_odds - (c.coefficient_std + d.total))) as worst
         from company_risk_predictions p
         join (select company_id, sum(contribution) as total from risk_drivers group by company_id) d using (company_id)
         cross join (select coefficient_std from risk_coefficients where term = 0) c`,
        );
        assert.ok(Number(mismatch!.worst) < 1e-9);
        const windows = await queryRows(
          db,
          "select origin_month, target_month, train_rows from risk_backtest where scope = 'origin' and model = 'logistic' order by origin_month",
        );
        assert.deepEqual(windows.map((w) => [w.origin_month, w.target_month, w.train_rows]), [
          ["2025-08", "2025-09", 60 * 13],
          ["2025-09", "2025-10", 60 * 14],
          ["2025-10", "2025-11", 60 * 15],
          ["2025-11", "2025-12", 60 * 16],
        ]);
        const counts = await queryRows(
          db,
          "select model, strategy, sum(rows)::integer as n from risk_calibration group by all order by all",
        );
        assert.equal(counts.length, 6);
        for (const c of counts) assert.equal(c.n, 240);
        const [or] = await queryRows(
          db,
          "select max(abs(odds_ratio - exp(coefficient))) as d, count(*) filter (where term = 0 and odds_ratio is null) as i from risk_coefficients",
        );
        assert.ok(Number(or!.d) < 1e-12);
        assert.equal(Number(or!.i), 1);
      });
    },
  );

  await t.step("golden summary of the planted-signal fixture", async () => {
    await withDb(async (db) => {
      await featureTable(db, 2, 1);
      await buildNextMonthRisk(db);
      const summary = {
        model: await queryRows(db, "select * from risk_model"),
        coefficients: await queryRows(db, "select * from risk_coefficients order by term"),
        backtest: await queryRows(db, "select * from risk_backtest order by scope desc, origin_month, model"),
        top5: await queryRows(db, "select * from company_risk_predictions order by risk_rank limit 5"),
        comparison: await queryRows(db, "select * from risk_comparison order by baseline, metric"),
      };
      await assertGolden(
        new URL("../../golden/next_month_risk/planted_signal.json", import.meta.url),
        goldenJson(roundDeep(summary)),
      );
    });
  });

  await t.step("C is searched up to searchMaxRows labelled rows and fixed at 1 above", async () => {
    await withDb(async (db) => {
      await featureTable(db, 2, 7);
      const searched = await buildNextMonthRisk(db, { searchMaxRows: 60 * 17 });
      const [a] = await queryRows(db, "select c_selection from risk_model");
      assert.match(String(a!.c_selection), /^time-series CV over /);
      const fixed = await buildNextMonthRisk(db, { searchMaxRows: 60 * 17 - 1 });
      assert.equal(fixed.C, 1);
      const [b] = await queryRows(db, "select c, c_selection from risk_model");
      assert.deepEqual(b, {
        c: 1,
        c_selection: "fixed at 1: 1020 labelled rows exceed the search limit of 1019",
      });
      const origins = await queryRows(
        db,
        "select distinct c from risk_backtest where model = 'logistic' and scope = 'origin'",
      );
      assert.deepEqual(origins, [{ c: 1 }]);
      // The same fit as an explicitly fixed C.
      const explicit = await buildNextMonthRisk(db, { C: 1 });
      assert.deepEqual(explicit.pooled, fixed.pooled);
      assert.ok(searched.converged && fixed.converged);
    });
  });

  await t.step("the same input gives identical tables", async () => {
    const dump = () =>
      withDb(async (db) => {
        await featureTable(db, 1, 4);
        await buildNextMonthRisk(db);
        const out: unknown[] = [];
        for (const [table, order] of NEXT_MONTH_RISK_OUTPUTS) {
          out.push(await queryRows(db, `select * from ${table} order by ${order}`));
        }
        return JSON.stringify(out);
      });
    assert.equal(await dump(), await dump());
  });

  await t.step("rows with a missing feature value are left out and counted", async () => {
    await withDb(async (db) => {
      await featureTable(db, 2, 5);
      await db.con.run(
        "update company_month_features set noise_a = null where company_id = 'C000' and year_month in ('2025-03', '2025-12')",
      );
      const summary = await buildNextMonthRisk(db, { C: 1 });
      assert.equal(summary.trainRows, 60 * 17 - 1);
      assert.equal(summary.predictions, 59);
      const [model] = await queryRows(db, "select rows_missing_features from risk_model");
      assert.equal(model!.rows_missing_features, 2);
      const [c0] = await queryRows(
        db,
        "select count(*)::integer as n from company_risk_predictions where company_id = 'C000'",
      );
      assert.equal(c0!.n, 0);
    });
  });

  await t.step("an empty feature table writes empty tables and says why", async () => {
    await withDb(async (db) => {
      await featureTable(db, 1, 8);
      await db.con.run("delete from company_month_features");
      const summary = await buildNextMonthRisk(db);
      assert.deepEqual([summary.featureMonth, summary.predictedMonth, summary.C], [null, null, null]);
      for (const [table] of NEXT_MONTH_RISK_OUTPUTS) {
        const [n] = await queryRows(db, `select count(*)::integer as n from ${table}`);
        assert.equal(n!.n, table === "risk_model" ? 1 : 0, table);
      }
      const [model] = await queryRows(db, "select predicted_month, train_rows, verdict from risk_model");
      assert.deepEqual(model, {
        predicted_month: null,
        train_rows: 0,
        verdict: "Not fitted: the feature table has no rows (the data hold no employer-group company-month).",
      });
    });
  });

  await t.step("history without a High-risk month writes empty tables and says why", async () => {
    await withDb(async (db) => {
      await featureTable(db, 0, 6);
      await db.con.run(
        "update company_month_features set high_risk_now = 0, high_risk_next = coalesce(0 * high_risk_next, null)",
      );
      const summary = await buildNextMonthRisk(db);
      assert.equal(summary.converged, false);
      assert.equal(summary.C, null);
      assert.equal(summary.verdict, "Not fitted: every labelled company-month has high_risk_next = 0.");
      for (const [table] of NEXT_MONTH_RISK_OUTPUTS) {
        const [n] = await queryRows(db, `select count(*)::integer as n from ${table}`);
        assert.equal(n!.n, table === "risk_model" ? 1 : 0, table);
      }
      const [model] = await queryRows(
        db,
        "select predicted_month, trained_through, train_rows, verdict from risk_model",
      );
      assert.deepEqual(model, {
        predicted_month: "2026-01",
        trained_through: "2025-11",
        train_rows: 1020,
        verdict: summary.verdict,
      });
    });
  });

  await t.step("bad input gets a specific error", async () => {
    const cases: [string, RegExp][] = [
      [
        "('A', '2025-01', 10.0, 1.0, 0, 1), ('A', '2025-13', 10.0, 2.0, 1, null)",
        /row company_id "A", year_month "2025-13": "year_month" is not YYYY-MM \("2025-13"\)/,
      ],
      [
        "('A', '2025-01', 10.0, 1.0, 0, 1), ('A', '2025-01', 10.0, 2.0, 1, null)",
        /row company_id "A", year_month "2025-01" appears twice; the grain is one row per company and month/,
      ],
      [
        "('A', '2025-01', 10.0, 1.0, 2, 1), ('A', '2025-02', 10.0, 2.0, 1, null)",
        /row company_id "A", year_month "2025-01": "high_risk_now" is 2, expected 0 or 1/,
      ],
      [
        "('A', '2025-01', 10.0, 'Infinity'::double, 0, 1), ('A', '2025-02', 10.0, 2.0, 1, null)",
        /row company_id "A", year_month "2025-01": "x" is not finite \(Infinity\)/,
      ],
    ];
    for (const [values, error] of cases) {
      await withDb(async (db) => {
        await db.con.run(`create table company_month_features as select * from (values ${values})
          t(company_id, year_month, member_months, x, high_risk_now, high_risk_next)`);
        await assert.rejects(buildNextMonthRisk(db), error);
      });
    }
    await withDb(async (db) => {
      await db.con.run(
        "create table company_month_features as select 'A' as company_id, '2025-01' as year_month",
      );
      await assert.rejects(buildNextMonthRisk(db), /company_month_features has no column "member_months"/);
    });
    await withDb(async (db) => {
      await assert.rejects(buildNextMonthRisk(db), /table company_month_features does not exist/);
    });
  });
});
