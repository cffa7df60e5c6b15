/**
 * The utilization tables on seeded synthetic runs: an independent query re-derives the KPI table's
 * counts from the raw Parquet (small scale), the tables keep their grain, the band distribution on
 * the default payer is plausible, and the targets line up with the bands.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { DEFAULT_SCALE, DEFAULT_SEED } from "../../../loaders/settings.ts";
import { pipelineRun, stageRun } from "../../support/pipeline_run.ts";

// Seed 11 at small scale and the default seed at default scale (up to the utilization tables) are the
// runs other suites use too, so the whole suite generates no extra payer for these tests.
Deno.test("utilization tables on the small synthetic payer", async (t) => {
  const { dir } = await pipelineRun(11, "small");
  const db = await openDb();
  const file = (name: string) => `read_parquet(${sqlString(join(dir, `${name}.parquet`))})`;
  try {
    await t.step("an independent query reproduces the KPI counts", async () => {
      // Exposure straight from eligibility spans; ER visits as member-days of ER claim lines with
      // positive net paid; admission by an emergency admission claim the same or next day or the
      // flag; NYU probabilities from the visit line's diagnosis.
      const mismatches = await queryRows(
        db,
        `
        with spans as (
          select member_id, company_id, unnest(generate_series(date_trunc('month', enrollment_start_date), date_trunc('month', enrollment_end_date), interval 1 month)) as m
          from ${file("eligibility")} where company_id is not null
        )
        , mm as (select distinct member_id, company_id, strftime(m, '%Y-%m') as ym from spans)
        , exposure as (select company_id, ym, count(*) as member_months from mm group by all)
        , lines as (select * from ${
          file("medical_claims")
        } where service_category = 'emergency_department' and claim_status <> 'rejected')
        , days as (
          select member_id, service_date, sum(paid_amount) as net
            , bool_or(admitted) as flag
            , max(diagnosis_code_1) filter (where procedure_category = 'er_visit' and claim_status = 'paid') as dx
          from lines group by all having round(sum(paid_amount), 2) > 0
        )
        , ip as (select distinct member_id, service_date from ${
          file("medical_claims")
        } where service_category = 'inpatient' and claim_status = 'paid'
                 and claim_id not in (select replace(claim_id, 'R', '') from ${
          file("medical_claims")
        } where claim_status = 'reversed'))
        , visits as (
          select mm.company_id, mm.ym, d.*
            , d.flag or exists (select 1 from ip where ip.member_id = d.member_id and ip.service_date in (d.service_date, d.service_date + 1)) as adm
            , coalesce(j.noner + j.epct + j.edcnpa, 0) as p
          from days d
          join mm on mm.member_id = d.member_id and mm.ym = strftime(d.service_date, '%Y-%m')
          left join read_csv('data/reference/ed/ed_classification_johnston_icd10.csv', header = true, types = {'icd10': 'varchar'}) j on j.icd10 = d.dx
        )
        , independent as (
          select e.company_id, e.ym, e.member_months
            , count(v.member_id) as er_visits
            , count(v.member_id) filter (where v.adm) as er_admitted
            , count(v.member_id) filter (where not v.adm) as proxy
            , coalesce(sum(v.p), 0) as nyu
          from exposure e left join visits v using (company_id, ym)
          group by all
        )
        select i.*, k.member_months as k_mm, k.er_visits as k_er, k.er_admitted as k_adm, k.avoidable_er_visits_proxy as k_proxy, k.avoidable_er_visits_nyu as k_nyu
        from independent i full join ${
          file("company_month_kpis")
        } k on k.company_id = i.company_id and k.year_month = i.ym
        where i.member_months is distinct from k.member_months or i.er_visits is distinct from k.er_visits
          or i.er_admitted is distinct from k.er_admitted or i.proxy is distinct from k.avoidable_er_visits_proxy
          or abs(i.nyu - k.avoidable_er_visits_nyu) > 1e-4 or k.company_id is null or i.company_id is null
        limit 5`,
      );
      assert.deepEqual(mismatches, []);
    });
    await t.step("grain: one row per company-month; segments and actions keyed", async () => {
      const [g] = await queryRows(
        db,
        `select (select count(*) - count(distinct (company_id, year_month)) from ${
          file("company_month_kpis")
        })::integer as kpi_dupes
          , (select count(*) - count(distinct (company_id, year_month)) from ${
          file("company_month_features")
        })::integer as feature_dupes
          , (select count(*) - count(distinct (company_id, year_month, dimension, value)) from ${
          file("company_month_segments")
        })::integer as segment_dupes
          , (select count(*) - count(distinct (company_id, year_month, action_id)) from ${
          file("company_actions")
        })::integer as action_dupes
          , ((select count(*) from ${file("company_month_kpis")}) - (select count(*) from ${
          file("company_month_features")
        }))::integer as row_gap`,
      );
      assert.deepEqual(g, { kpi_dupes: 0, feature_dupes: 0, segment_dupes: 0, action_dupes: 0, row_gap: 0 });
    });
    await t.step("segments add up to the company-month ER totals in every dimension", async () => {
      const bad = await queryRows(
        db,
        `select s.company_id, s.year_month, s.dimension, sum(s.er_visits) as er, any_value(k.er_visits) as k_er
         from ${file("company_month_segments")} s join ${
          file("company_month_kpis")
        } k using (company_id, year_month)
         group by all having sum(s.er_visits) <> any_value(k.er_visits)
           or abs(sum(s.avoidable_er_paid_proxy) - any_value(k.avoidable_er_paid_proxy)) > 0.05 limit 5`,
      );
      assert.deepEqual(bad, []);
    });
    await t.step("high_risk_next is next month's band; null only in the last month", async () => {
      const [r] = await queryRows(
        db,
        `with f as (select * from ${file("company_month_features")})
         select (count(*) filter (where f.high_risk_next is distinct from (n.high_risk_now)))::integer as wrong
           , (count(*) filter (where f.high_risk_next is null and f.year_month <> (select max(year_month) from f) and n.company_id is not null))::integer as stray_nulls
           , (count(*) filter (where f.high_risk_now <> (k.risk_band = 'High')::integer))::integer as now_wrong
         from f
         left join f n on n.company_id = f.company_id
           and n.year_month = strftime(strptime(f.year_month || '-01', '%Y-%m-%d') + interval 1 month, '%Y-%m')
         join ${file("company_month_kpis")} k on k.company_id = f.company_id and k.year_month = f.year_month`,
      );
      assert.deepEqual(r, { wrong: 0, stray_nulls: 0, now_wrong: 0 });
    });
  } finally {
    closeDb(db);
  }
});

Deno.test("the IVI band distribution on the default seed is plausible", async () => {
  const { dir } = await stageRun(DEFAULT_SEED, DEFAULT_SCALE, "utilization");
  const db = await openDb();
  try {
    const rows = await queryRows(
      db,
      `select risk_band, count(*)::double / sum(count(*)) over () as share
       from read_parquet(${sqlString(join(dir, "company_month_kpis.parquet"))}) group by all order by all`,
    );
    console.table(rows);
    const share = Object.fromEntries(rows.map((r) => [r.risk_band, r.share as number]));
    assert.ok(share.High! >= 0.1 && share.High! <= 0.25, `High share ${share.High} outside 10–25%`);
    assert.ok(share.Low! + share.Medium! >= 0.75, "most company-months are not High");
    assert.ok(share.Low! >= 0.25, `Low share ${share.Low} below 25%`);
    // Book-relative scoring keeps the winter peaks from flagging most of the book in any one month.
    const [worst] = await queryRows(
      db,
      `select year_month, avg((risk_band = 'High')::integer) as high_share
       from read_parquet(${sqlString(join(dir, "company_month_kpis.parquet"))})
       group by all order by high_share desc limit 1`,
    );
    assert.ok(
      (worst!.high_share as number) <= 0.4,
      `High share ${worst!.high_share} in ${worst!.year_month}`,
    );
  } finally {
    closeDb(db);
  }
});
