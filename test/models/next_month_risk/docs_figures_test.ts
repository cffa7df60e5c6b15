/**
 * The figures that docs/utilization-methodology.md quotes for the next-month risk model on the
 * default synthetic data are the pipeline's own: the results table, the improvement intervals, the
 * choice of C and the calibration come from the model's outputs, and the band transitions, the
 * IVI-only ROC-AUC and the feature-null counts are recomputed here by independent queries. When the
 * data or the model changes, this test names every quoted figure that went stale.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { DEFAULT_SCALE, DEFAULT_SEED } from "../../../loaders/settings.ts";
import { tableCells } from "../../support/markdown_table.ts";
import { pipelineRun } from "../../support/pipeline_run.ts";

const DOC = "docs/utilization-methodology.md";
const num = (v: unknown) => Number(v);
const pct = (x: unknown, decimals = 0) => `${(100 * num(x)).toFixed(decimals)}%`;

/** The results table's cells by model label (first cell), whitespace trimmed. */
function resultsTable(markdown: string): Map<string, string[]> {
  const start = markdown.indexOf("| model       | ROC-AUC |");
  assert.ok(start >= 0, `${DOC} has no results table`);
  const rows = new Map<string, string[]>();
  for (const line of markdown.slice(start).split("\n").slice(2)) {
    if (!line.startsWith("|")) break;
    const cells = tableCells(line);
    rows.set(cells[0]!, cells.slice(1));
  }
  return rows;
}

Deno.test("the risk model's figures quoted in docs/utilization-methodology.md match the default run", async () => {
  const { dir } = await pipelineRun(DEFAULT_SEED, DEFAULT_SCALE);
  const file = (name: string) => sqlString(join(dir, `${name}.parquet`));
  const markdown = await Deno.readTextFile(DOC);
  const prose = markdown.replace(/\s+/g, " ");
  const db = await openDb();
  try {
    const pooled = new Map(
      (await queryRows(db, `select * from read_parquet(${file("risk_backtest")}) where scope = 'pooled'`))
        .map((r) => [String(r.model), r]),
    );
    const origins = await queryRows(
      db,
      `select min(origin_month) as first, max(origin_month) as last, min(roc_auc) as lo, max(roc_auc) as hi
      from read_parquet(${file("risk_backtest")}) where scope = 'origin' and model = 'logistic'`,
    );
    const comparison = await queryRows(
      db,
      `select metric, improvement, improvement_lower, improvement_upper
      from read_parquet(${file("risk_comparison")}) where baseline = 'persistence'`,
    );
    const [model] = await queryRows(db, `select * from read_parquet(${file("risk_model")})`);
    const [topBin] = await queryRows(
      db,
      `select mean_predicted from read_parquet(${file("risk_calibration")})
      where model = 'logistic' and strategy = 'quantile' order by bin desc limit 1`,
    );
    // band transitions: next month's band of every company-month that has one
    const transitions = new Map(
      (await queryRows(
        db,
        `with k as (
          select risk_band, lead(risk_band) over (partition by company_id order by year_month) as next_band
          from read_parquet(${file("company_month_kpis")}))
        select risk_band, avg((next_band = 'High')::integer) as high_next from k
        where next_band is not null group by all`,
      )).map((r) => [String(r.risk_band), num(r.high_next)]),
    );
    // ROC-AUC of ranking the backtest's rows by this month's IVI alone (lower IVI = riskier), as
    // the Mann-Whitney statistic with tied IVIs given their average rank
    const [iviOnly] = await queryRows(
      db,
      `with r as (
        select -ivi as score, high_risk_next as y from read_parquet(${file("company_month_features")})
        where year_month between ${sqlString(String(origins[0]!.first))} and ${
        sqlString(String(origins[0]!.last))
      }
          and high_risk_next is not null)
      , ranked as (select y, rank() over (order by score) + (count(*) over (partition by score) - 1) / 2 as r from r)
      select (sum(r) filter (where y = 1) - sum(y) * (sum(y) + 1) / 2) / (sum(y) * (count(*) - sum(y))) as auc
      from ranked`,
    );
    const [nulls] = await queryRows(
      db,
      `select avg((er_admitted_share is null)::integer) as share
        , count(*) filter (where er_admitted_share is null and year_month = (select max(year_month)
            from read_parquet(${file("company_month_features")}))) as last_month_nulls
        , count(distinct company_id) as companies
        , count(*) as company_months
      from read_parquet(${file("company_month_features")})`,
    );

    const stale: string[] = [];
    const quote = (expected: string) => {
      if (!prose.includes(expected)) stale.push(expected);
    };
    const logistic = pooled.get("logistic")!;
    quote(
      `${num(logistic.rows).toLocaleString("en-US")} predictions over the origins ${origins[0]!.first} to ${
        origins[0]!.last
      }, ${num(logistic.positives)} of them High next month`,
    );
    const table = resultsTable(markdown);
    for (
      const [label, key] of [["logistic", "logistic"], ["persistence", "persistence"], [
        "base rate",
        "base_rate",
      ]]
    ) {
      const r = pooled.get(key!)!;
      const expected = [
        num(r.roc_auc).toFixed(3),
        num(r.pr_auc).toFixed(3),
        num(r.brier).toFixed(3),
        pct(r.top_decile_precision),
        `${num(r.top_decile_lift).toFixed(1)}×`,
        key === "base_rate" ? "—" : num(r.calibration_slope).toFixed(2),
      ];
      if (JSON.stringify(table.get(label!)) !== JSON.stringify(expected)) {
        stale.push(`results row ${label}: ${expected.join(" | ")}`);
      }
    }
    const improvement = (metric: string) => {
      const r = comparison.find((c) => c.metric === metric)!;
      return `+${num(r.improvement).toFixed(3)} (${num(r.improvement_lower).toFixed(3)} to ${
        num(r.improvement_upper).toFixed(3)
      })`;
    };
    quote(
      `ROC-AUC ${improvement("roc_auc")}, PR-AUC ${improvement("pr_auc")}, Brier ${improvement("brier")}`,
    );
    quote(
      `ranges from ${num(origins[0]!.lo).toFixed(2)} to ${num(origins[0]!.hi).toFixed(2)}`,
    );
    const losses = [...String(model!.c_selection).matchAll(/log-loss ([\d.]+)/g)].map((m) => m[1]);
    quote(`the final choice is C = ${num(model!.c)} (log-loss ${losses.join(", ")} for the four candidates`);
    quote(
      `${num(model!.rows_missing_features)} of ${
        num(nulls!.company_months).toLocaleString("en-US")
      } company-months`,
    );
    quote(
      `null in every month without an ER visit (${pct(nulls!.share)} of company-months on the default data)`,
    );
    quote(`dropped ${num(nulls!.last_month_nulls)} of ${num(nulls!.companies)} companies from the ranking`);
    quote(
      `in High, ${pct(transitions.get("High"))} are High the next month; in Medium, ${
        pct(transitions.get("Medium"))
      }; in Low, ${pct(transitions.get("Low"), 1)}`,
    );
    quote(`already reaches ROC-AUC ${num(iviOnly!.auc).toFixed(3)} on the same rows`);
    quote(`for ${num(logistic.roc_auc).toFixed(3)}. Two reasons`);
    quote(
      `Mean predicted ${pct(logistic.mean_predicted, 1)} against ${pct(logistic.prevalence, 1)} observed`,
    );
    quote(
      `intercept ${num(logistic.calibration_intercept).toFixed(2).replace("-", "−")} at slope ${
        num(logistic.calibration_slope).toFixed(2)
      }`,
    );
    quote(
      `the model says ${pct(topBin!.mean_predicted)} on average and ${
        pct(logistic.top_decile_precision)
      } came true`,
    );
    assert.deepEqual(stale, [], `${DOC} quotes figures the default run no longer gives; expected:`);
  } finally {
    closeDb(db);
  }
});
