/**
 * The executive summary on a hand-built database: three companies over two months (and one month a year
 * earlier), one contract with two measures, two weak-measure recommendations and one company recommendation.
 * Every expected figure is worked out by hand in the comments.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, type Db, openDb } from "../../../loaders/lib/duckdb.ts";
import {
  buildExecutiveSummary,
  EXECUTIVE_SUMMARY_FILE,
  firstAction,
  writeExecutiveSummary,
} from "../../../loaders/report/step.ts";
import { sha256Hex } from "../../../loaders/manifest.ts";

const KPI_COLUMNS =
  "company_id, year_month, member_months, ivi, risk_band, er_visits, avoidable_er_visits_nyu, avoidable_er_paid_nyu, avoidable_er_paid_proxy, er_paid, paid";

async function utilizationTables(db: Db): Promise<void> {
  await db.con.run(`create table company_month_kpis as select * from (values
    ('A', '2025-09', 100, 70.0, 'Low', 1, 1.0, 1000.0, 1000.0, 1000.0, 1000.0),
    ('A', '2025-10', 50, 71.0, 'Low', 1, 0.0, 50.0, 60.0, 100.0, 500.0),
    ('A', '2026-08', 100, 72.0, 'Low', 2, 1.0, 300.0, 400.0, 1000.0, 30000.0),
    ('A', '2026-09', 100, 50.0, 'High', 3, 2.0, 600.0, 700.0, 1500.0, 40000.0),
    ('B', '2026-08', 200, 60.0, 'Medium', 4, 2.0, 500.0, 600.0, 2000.0, 50000.0),
    ('B', '2026-09', 200, 65.0, 'Medium', 2, 0.5, 100.0, 200.0, 800.0, 60000.0),
    ('C', '2026-09', 100, 80.0, 'Low', 1, 0.0, 0.0, 0.0, 500.0, 10000.0)
  ) t(${KPI_COLUMNS})`);
  await db.con.run(`create table companies as select * from (values
    ('A', 'Alpha Foods'), ('B', 'Beta Schools'), ('C', 'Gamma Retail')) t(company_id, company_name)`);
  await db.con.run(`create table company_risk_predictions as select * from (values
    ('A', '2026-10', '2026-09', 0.7, 1, 'ivi'),
    ('B', '2026-10', '2026-09', 0.55, 2, 'ivi_e'),
    ('C', '2026-10', '2026-09', 0.2, 3, 'ivi')
  ) t(company_id, year_month, feature_month, probability, risk_rank, driver_1)`);
}

async function starTables(db: Db, empty: boolean): Promise<void> {
  const none = empty ? "where false" : "";
  await db.con.run(`create table contract_star_ratings as select * from (values
    ('H1', 2024, 2026, 3.5, 3.5, 3.5, 3.5, 3.453125)
  ) t(contract_id, measurement_year, star_year, overall, part_c_summary, part_d_summary, highest_rating,
    overall_value) ${none}`);
  // 3.5★ pays 900 + 0.65 · (1,000 − 900) = 965 PMPM → 11,580,000 a year for 1,000 members.
  await db.con.run(`create table star_money as select * from (values
    ('H1', 2026, 11580000.0, 1000.0, 900.0, 1000, 0.0, 4.0, 390000.0)
  ) t(contract_id, star_year, revenue_per_year, benchmark_pmpm, bid_pmpm, members, double_bonus_county_share,
    rating_up, change_up_per_year) ${none}`);
  await db.con.run(`create table star_forecast as select * from (values
    ('H1', 2027, 3.5, 3.0, 4.0, 0.2)
  ) t(contract_id, star_year, forecast_overall, forecast_low, forecast_high, p_at_least_four) ${none}`);
  await db.con.run(
    `create table contracts as select * from (values ('H1', 'Plan One')) t(contract_id, contract_name)`,
  );
  await db.con.run(`create table contract_measure_stars as select * from (values
    ('H1', 'bcs', 'C01', 2024, 72.0, 3, 'higher', 58.0, 71.0, 76.0, 84.0),
    ('H1', 'col', 'C02', 2024, 65.0, 3, 'higher', 50.0, 60.0, 70.0, 80.0)
  ) t(contract_id, measure_key, measure_id, measurement_year, score, star, direction, cut_2, cut_3, cut_4, cut_5)
  ${none}`);
  await db.con.run(`create table contract_measure_rates as select * from (values
    ('H1', 'bcs', 2025, 76.4), ('H1', 'col', 2025, 68.0), ('H1', 'bcs', 2026, 90.0)
  ) t(contract_id, measure_key, measurement_year, rate) ${none}`);
  await db.con.run(`create table stars_catalogue_2026 as select * from (values
    ('bcs', 'Breast Cancer Screening', 0), ('col', 'Colorectal Cancer Screening', 0)) t(key, name, precision)`);
  // 2024 and 2025 complete; 2026 has nine months only.
  await db.con.run(`create table member_months as
    select 'M1' as member_id, 'H1' as contract_id, strftime(d, '%Y-%m') as year_month
    from range(date '2024-01-01', date '2026-10-01', interval 1 month) r(d)`);
  await db.con.run(`create table weak_measures as select * from (values
    ('H1', 1, 'col', 'C02', 4, 300.0, 0.03125, 3.5, 3.5, 0.0, false),
    ('H1', 2, 'bcs', 'C01', 30, 10.0, 0.296875, 3.5, 4.0, 390000.0, true)
  ) t(contract_id, rank, measure_key, measure_id, members_to_next_star, stars_at_stake_per_100, value_gain,
    rating_before, rating_after, revenue_change_per_year, crosses_four_stars) ${none}`);
  await db.con.run(`alter table weak_measures add column value_before double default 3.453125`);
  await db.con.run(`update weak_measures set value_before = 3.453125`);
  await db.con.run(`alter table weak_measures add column value_after double`);
  await db.con.run(`update weak_measures set value_after = value_before + value_gain`);
  const action = (text: string) => JSON.stringify([{ action: text, why: "because" }]).replaceAll("'", "''");
  await db.con.run(`create table recommendations as select * from (values
    ('weak_measure', 'H1/col', '${action("Mail FIT kits")}', 'Overall +0.03.'),
    ('weak_measure', 'H1/bcs', '${action("Book mammograms")}', 'Reaches 4 stars.'),
    ('company', 'A', '${action("Call the account team")}', 'Targets the IVI.')
  ) t(subject_type, subject_id, actions, expected_effect) ${none}`);
  await db.con.run(`alter table recommendations add column source varchar default 'rules'`);
}

async function summaryOf(empty: boolean) {
  const db = await openDb();
  try {
    await utilizationTables(db);
    await starTables(db, empty);
    return await buildExecutiveSummary(db);
  } finally {
    closeDb(db);
  }
}

Deno.test("buildExecutiveSummary()", async (t) => {
  const s = await summaryOf(false);

  await t.step("compares the latest month with the one before", () => {
    assert.equal(s.utilization.latest_month, "2026-09");
    assert.equal(s.utilization.previous_month, "2026-08");
  });

  await t.step("book KPIs: member-month weighted IVI, band counts, rates per 1,000 member-years", () => {
    const [now, before] = s.utilization.book;
    // IVI (50·100 + 65·200 + 80·100) / 400 = 65; ER 6 · 12,000 / 400 = 180; avoidable 2.5 · 12,000 / 400 = 75;
    // paid 110,000 / 400 = 275 PMPM.
    assert.deepEqual(now, {
      year_month: "2026-09",
      companies: 3,
      member_months: 400,
      ivi: 65,
      high: 1,
      medium: 1,
      low: 1,
      er_per_1000: 180,
      avoidable_er_per_1000_nyu: 75,
      avoidable_er_paid_nyu: 700,
      paid_pmpm: 275,
    });
    // IVI (72·100 + 60·200) / 300 = 64; ER 6 · 12,000 / 300 = 240; avoidable 3 · 12,000 / 300 = 120.
    assert.equal(before!.year_month, "2026-08");
    assert.equal(before!.ivi, 64);
    assert.equal(before!.er_per_1000, 240);
    assert.equal(before!.avoidable_er_per_1000_nyu, 120);
    assert.deepEqual([before!.high, before!.medium, before!.low], [0, 1, 1]);
  });

  await t.step("IVI bins of the latest month by band", () => {
    assert.deepEqual(s.utilization.ivi_bins, [
      { bin_start: 50, risk_band: "High", companies: 1 },
      { bin_start: 65, risk_band: "Medium", companies: 1 },
      { bin_start: 80, risk_band: "Low", companies: 1 },
    ]);
  });

  await t.step("band transitions count companies present in both months", () => {
    assert.deepEqual(s.utilization.transitions, [
      { previous_band: "Low", current_band: "High", companies: 1 },
      { previous_band: "Medium", current_band: "Medium", companies: 1 },
    ]);
  });

  await t.step("new High companies and the companies predicted High next month", () => {
    assert.deepEqual(s.utilization.new_high, [
      { company_id: "A", company_name: "Alpha Foods", ivi: 50, previous_ivi: 72, previous_band: "Low" },
    ]);
    assert.deepEqual(
      s.utilization.predicted_high.map((r) => [r.company_id, r.probability, r.current_band]),
      [["A", 0.7, "High"], ["B", 0.55, "Medium"]],
    );
  });

  await t.step(
    "avoidable ER cost over the 12 months ending with the latest month (2025-09 is outside)",
    () => {
      // NYU paid: 50 + 300 + 600 + 500 + 100 + 0 = 1,550; proxy 60 + 400 + 700 + 600 + 200 = 1,960;
      // ER paid 100 + 1,000 + 1,500 + 2,000 + 800 + 500 = 5,900; member months 750; months 2025-10, 2026-08, 2026-09.
      assert.deepEqual(s.utilization.avoidable_er, {
        month_avoidable_er_paid_nyu: 700,
        avoidable_er_paid_nyu_12m: 1550,
        avoidable_er_paid_proxy_12m: 1960,
        er_paid_12m: 5900,
        member_months_12m: 750,
        months: 3,
      });
    },
  );

  await t.step("star position, distances and the money at the 4★ threshold", () => {
    const [c] = s.stars.contracts;
    assert.equal(c!.contract_name, "Plan One");
    assert.equal(c!.next_half_star, 4);
    // 3.75 − 3.453125
    assert.equal(c!.value_to_next_half_star, 0.296875);
    assert.equal(c!.value_to_four, 0.296875);
    assert.equal(c!.qbp_eligible, false);
    // 4★: 900 + 0.65 · (1,050 − 900) = 997.5 PMPM; (997.5 − 965) · 12 · 1,000 = 390,000.
    assert.equal(c!.bonus_stake_kind, "gain");
    assert.equal(c!.bonus_stake_per_year, 390000);
    assert.equal(c!.change_next_half_star_per_year, 390000);
    assert.deepEqual([c!.forecast_overall, c!.forecast_low, c!.forecast_high], [3.5, 3, 4]);
  });

  await t.step("star measures that move in the latest complete year under the same cut points", () => {
    // 2025 is the latest complete year after 2024; bcs 76.4 displays as 76 → 4★ (was 3★); col 68 stays 3★.
    assert.equal(s.stars.compare_year, 2025);
    assert.deepEqual(s.stars.movements, [{
      contract_id: "H1",
      measure_id: "C01",
      measure_name: "Breast Cancer Screening",
      score: 72,
      star: 3,
      next_score: 76.4,
      next_star: 4,
    }]);
  });

  await t.step(
    "top actions: the star action that moves revenue first, then the other, then the company",
    () => {
      assert.equal(s.actions.recommendations, 3);
      assert.deepEqual(
        s.actions.top.map((a) => [a.kind, a.action]),
        [["weak_measure", "Book mammograms"], ["weak_measure", "Mail FIT kits"], [
          "company",
          "Call the account team",
        ]],
      );
    },
  );
});

Deno.test("buildExecutiveSummary() without star ratings or recommendations", async () => {
  const s = await summaryOf(true);
  assert.deepEqual(s.stars, { contracts: [], compare_year: null, movements: [] });
  assert.deepEqual(s.actions, { recommendations: 0, top: [] });
  assert.equal(s.utilization.book.length, 2);
});

Deno.test("writeExecutiveSummary() writes the JSON and its manifest entry", async () => {
  const out = await Deno.makeTempDir();
  const db = await openDb();
  try {
    await utilizationTables(db);
    await starTables(db, false);
    const entry = await writeExecutiveSummary(db, out);
    const data = await Deno.readFile(join(out, EXECUTIVE_SUMMARY_FILE));
    assert.deepEqual(entry, {
      name: "executive_summary.json",
      rows: 1,
      bytes: data.length,
      sha256: await sha256Hex(data),
    });
    const written = JSON.parse(new TextDecoder().decode(data));
    assert.equal(written.utilization.latest_month, "2026-09");
    // Fractions are kept to 12 significant digits: 80,000 / 300 = 266.666…
    assert.equal(written.utilization.book[1].paid_pmpm, 266.666666667);
    assert.equal(written.stars.contracts[0].overall_value, 3.453125);
  } finally {
    closeDb(db);
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("firstAction()", () => {
  assert.equal(
    firstAction('[{"action":"Do it","why":"x"},{"action":"Then","why":"y"}]', "company A"),
    "Do it",
  );
  assert.throws(
    () => firstAction("not json", "company A"),
    /company A: "actions" is not JSON \("not json"\)/,
  );
  assert.throws(() => firstAction("[]", "company A"), /company A: "actions" needs at least one/);
});
