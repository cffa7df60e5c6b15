/**
 * The default synthetic payer's headline rates land inside the published benchmark ranges
 * (data/reference/benchmarks.csv); the test prints them so a reviewer sees the figures.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { DEFAULT_SCALE, DEFAULT_SEED } from "../../loaders/settings.ts";
import { tableCells } from "../support/markdown_table.ts";
import { stageRun } from "../support/pipeline_run.ts";

/** The calibration table's columns in docs/synthetic-data.md, as data_benchmarks metrics. */
const DOC_COLUMNS = [
  "er_visits_per_1000",
  "er_admitted_share",
  "admissions_per_1000",
  "medical_claims_per_member_year",
  "fills_per_member_year",
  "total_pmpm",
  "pharmacy_pmpm",
] as const;

/**
 * The calibration table's figures: line of business → metric → [quoted number, decimals shown].
 * Shares are quoted as percentages and come back as fractions' percentages.
 */
function docCalibration(markdown: string): Map<string, Map<string, [number, number]>> {
  const table = new Map<string, Map<string, [number, number]>>();
  for (const [label, lob] of [["commercial", "commercial"], ["Medicare Advantage", "medicare_advantage"]]) {
    const line = markdown.split("\n").find((l) => l.startsWith(`| ${label} `));
    assert.ok(line, `docs/synthetic-data.md has no calibration row for ${label}`);
    const cells = tableCells(line).slice(1).map((c) => c.replace(/[$,%]/g, ""));
    assert.equal(cells.length, DOC_COLUMNS.length, `calibration row for ${label}: ${line}`);
    table.set(
      lob!,
      new Map(
        DOC_COLUMNS.map((metric, i) => [metric, [Number(cells[i]), cells[i]!.split(".")[1]?.length ?? 0]]),
      ),
    );
  }
  return table;
}

Deno.test("the default synthetic payer's rates are inside the benchmark ranges", async (t) => {
  const { dir } = await stageRun(DEFAULT_SEED, DEFAULT_SCALE, "utilization");
  const db = await openDb();
  try {
    const rows = await queryRows(
      db,
      `select line_of_business, metric, round(value, 3) as value, low, high, within_range
      from read_parquet(${sqlString(join(dir, "data_benchmarks.parquet"))}) order by all`,
    );
    console.table(rows);
    assert.equal(rows.length, 14);
    for (const row of rows) {
      await t.step(
        `${row.line_of_business} ${row.metric} = ${row.value} in [${row.low}, ${row.high}]`,
        () => {
          assert.equal(row.within_range, true);
        },
      );
    }
    await t.step("docs/synthetic-data.md quotes these rates, rounded as shown", () => {
      const quoted = docCalibration(Deno.readTextFileSync("docs/synthetic-data.md"));
      const stale: string[] = [];
      for (const row of rows) {
        const cell = quoted.get(String(row.line_of_business))?.get(String(row.metric));
        assert.ok(cell, `the calibration table has no column for ${row.metric}`);
        const [figure, decimals] = cell;
        const value = Number(row.value) * (row.metric === "er_admitted_share" ? 100 : 1);
        if (value.toFixed(decimals) !== figure.toFixed(decimals)) {
          stale.push(
            `${row.line_of_business} ${row.metric}: quoted ${figure}, computed ${value.toFixed(decimals)}`,
          );
        }
      }
      assert.equal(quoted.size, 2);
      assert.deepEqual(stale, [], "update the calibration table in docs/synthetic-data.md");
    });
    await t.step(
      "ER diagnoses: NYU potentially avoidable 40-60%, injury 10-25%, unclassified < 15%",
      async () => {
        const [mix] = await queryRows(
          db,
          `
        with visits as (
          select distinct member_id, service_date, diagnosis_code_1 as icd10
          from read_parquet(${sqlString(join(dir, "medical_claims.parquet"))})
          where service_category = 'emergency_department' and claim_status = 'paid'
        )
        select
          sum(coalesce(j.noner + j.epct + j.edcnpa, 0)) / count(*) as avoidable
          , sum(coalesce(j.injury, 0)) / count(*) as injury
          , avg((j.icd10 is null)::integer) as unclassified
        from visits v
        left join read_csv('data/reference/ed/ed_classification_johnston_icd10.csv', types = {'icd10': 'varchar'}) j using (icd10)`,
        );
        console.log("ER mix", mix);
        assert.ok(Number(mix!.avoidable) > 0.4 && Number(mix!.avoidable) < 0.6);
        assert.ok(Number(mix!.injury) > 0.1 && Number(mix!.injury) < 0.25);
        assert.ok(Number(mix!.unclassified) < 0.15);
      },
    );
    await t.step("ER visits peak in winter: Dec-Feb rate exceeds Jun-Aug by 10% or more", async () => {
      const [season] = await queryRows(
        db,
        `
        select
          sum(er_visits) filter (where month(strptime(year_month, '%Y-%m')) in (12, 1, 2))
            / sum(member_months) filter (where month(strptime(year_month, '%Y-%m')) in (12, 1, 2)) as winter
          , sum(er_visits) filter (where month(strptime(year_month, '%Y-%m')) in (6, 7, 8))
            / sum(member_months) filter (where month(strptime(year_month, '%Y-%m')) in (6, 7, 8)) as summer
        from read_parquet(${sqlString(join(dir, "data_overview_monthly.parquet"))})`,
      );
      assert.ok(Number(season!.winter) > 1.1 * Number(season!.summer), JSON.stringify(season));
    });
    await t.step(
      "company sizes are heavy-tailed: the largest 10% of companies hold over 40% of members",
      async () => {
        const [share] = await queryRows(
          db,
          `
        with sizes as (
          select company_id, count(*) as n from read_parquet(${sqlString(join(dir, "members.parquet"))})
          where company_id is not null group by all)
        , ranked as (select n, ntile(10) over (order by n desc) as decile from sizes)
        select sum(n) filter (where decile = 1) / sum(n) as top_decile_share, count(*) as companies from ranked`,
        );
        console.log("company size concentration", share);
        assert.ok(Number(share!.top_decile_share) > 0.4);
      },
    );
    await t.step(
      "ER use is overdispersed and persistent: last year's frequent users visit more this year",
      async () => {
        const [persist] = await queryRows(
          db,
          `
        with visits as (
          select member_id, year(service_date) as yr, count(distinct service_date) as n
          from read_parquet(${sqlString(join(dir, "medical_claims.parquet"))})
          where service_category = 'emergency_department' and claim_status = 'paid' and year(service_date) in (2024, 2025)
          group by all)
        , both_years as (
          select m.member_id, coalesce(a.n, 0) as y2024, coalesce(b.n, 0) as y2025
          from read_parquet(${sqlString(join(dir, "members.parquet"))}) m
          left join visits a on a.member_id = m.member_id and a.yr = 2024
          left join visits b on b.member_id = m.member_id and b.yr = 2025)
        select
          avg(y2025) filter (where y2024 >= 3) as after_frequent
          , avg(y2025) filter (where y2024 = 0) as after_none
          , var_samp(y2025) / avg(y2025) as dispersion
        from both_years`,
        );
        console.log("ER persistence", persist);
        assert.ok(Number(persist!.after_frequent) > 3 * Number(persist!.after_none));
        assert.ok(Number(persist!.dispersion) > 1.3);
      },
    );
  } finally {
    closeDb(db);
  }
});
