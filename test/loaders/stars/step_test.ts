import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { buildStarOutputs } from "../../../loaders/stars/step.ts";
import { catalogue2026, cms2026 } from "../../lib/stars/_cms_2026.ts";

// Every non-SNP 2026 measure of an MA-PD contract, with its MA-PD cut points.
const measures = catalogue2026.measures.filter((m) => !m.snpOnly);
const cut = (cmsId: string) => cms2026.cutPoints!.get(cmsId.startsWith("C") ? "all" : "MA-PD")!.get(cmsId)!;
// Claims rates with a denominator of 1,000 (numerator = 10 × rate): breast and colorectal screening, statins.
const CLAIMS = new Set(["bcs", "col", "pdc_statins"]);

/** Rows of contract_measure_rates with every measure exactly on its s-star threshold (inclusive bound). */
function contractRows(contract: string, year: number, star: number): string[] {
  return measures.map((m) => {
    const rate = cut(m.cmsId).thresholds[star - 2]!;
    const claims = CLAIMS.has(m.key);
    return `('${contract}', '${m.key}', '${m.cmsId}', ${year}, ${claims ? 1000 : "null"}, ${
      claims ? rate * 10 : "null"
    }, ${claims ? 0 : "null"}, ${rate}, '${claims ? "claims" : "scenario"}')`;
  });
}

const FORECAST = { trainSeeds: [1], calibrationSeeds: [2], testSeeds: [3], years: 1 };

Deno.test("buildStarOutputs()", async (t) => {
  const db = await openDb({ threads: 1 });
  const dir = await Deno.makeTempDir();
  const finance = join(dir, "finance.csv");
  await Deno.writeTextFile(
    finance,
    "contract_id,benchmark_pmpm,bid_pmpm,members,double_bonus_county_share\n*,1000,900,,0\n",
  );
  await db.con.run(`create table contract_measure_rates (contract_id varchar, measure_key varchar,
    measure_id varchar, measurement_year integer, denominator integer, numerator integer, exclusions integer,
    rate double, source varchar)`);
  // 2024 for both contracts; 2025 only for H9901 (incomplete), so 2024 is the scored year.
  const values = [
    ...contractRows("H9901", 2024, 4),
    ...contractRows("H9902", 2024, 3),
    ...contractRows("H9901", 2025, 5),
  ];
  await db.con.run(`insert into contract_measure_rates values ${values.join(", ")}`);
  await db.con.run(
    `create table contracts as select * from (values ('H9901', 1000), ('H9902', 2000)) t(contract_id, members)`,
  );
  try {
    const summary = await buildStarOutputs(db, { financePath: finance, forecast: FORECAST });

    await t.step("scores the latest measurement year every contract has", () => {
      assert.equal(summary.measurementYear, 2024);
      assert.equal(summary.contracts, 2);
    });

    await t.step(
      "contract_measure_stars: one row per contract × measure, stars on inclusive bounds",
      async () => {
        const rows = await queryRows(
          db,
          "select contract_id, star, count(*)::integer as n from contract_measure_stars group by all order by all",
        );
        assert.deepEqual(rows, [
          { contract_id: "H9901", star: 4, n: measures.length },
          { contract_id: "H9902", star: 3, n: measures.length },
        ]);
        const statins = await queryRows(
          db,
          `select cut_3, cut_4, weight, direction, members_to_next_star
        from contract_measure_stars where contract_id = 'H9902' and measure_key = 'pdc_statins'`,
        );
        // D10 MA-PD 2026: 88 / 90. 880 of 1,000 → 4★ needs a displayed 90%, i.e. ≥ 89.5% → 895 → 15 more.
        assert.deepEqual(statins, [{
          cut_3: 88,
          cut_4: 90,
          weight: 3,
          direction: "higher",
          members_to_next_star: 15,
        }]);
      },
    );

    await t.step(
      "grains: one row per contract × measure, per contract, per contract × weak measure",
      async () => {
        const dupes = await queryRows(
          db,
          `select 'measure' as t, count(*) - count(distinct (contract_id, measure_key)) as n from contract_measure_stars
        union all select 'weak', count(*) - count(distinct (contract_id, measure_key)) from weak_measures
        union all select 'rank', count(*) - count(distinct (contract_id, rank)) from weak_measures
        union all select t, n from (select 'ratings' as t, count(*) - count(distinct contract_id) as n from contract_star_ratings)
        union all select 'forecast', count(*) - count(distinct contract_id) from star_forecast
        union all select 'money', count(*) - count(distinct contract_id) from star_money`,
        );
        for (const d of dupes) assert.equal(Number(d.n), 0, `${d.t} grain`);
      },
    );

    await t.step("contract_star_ratings: all-4★ → 4.5 (reward factor 0.4), all-3★ → 3", async () => {
      const rows = await queryRows(
        db,
        `select contract_id, part_c_summary, part_d_summary, overall, overall_mean,
        overall_variance, overall_reward_factor, at_least_four from contract_star_ratings order by contract_id`,
      );
      // Mean 4 ≥ 3.932432 (85th pct) and variance 0 < 0.914850 (30th) → +0.4 → 4.4 → 4.5 (TN Tables 8, 9, 22).
      assert.deepEqual(rows, [
        {
          contract_id: "H9901",
          part_c_summary: 4.5,
          part_d_summary: 4.5,
          overall: 4.5,
          overall_mean: 4,
          overall_variance: 0,
          overall_reward_factor: 0.4,
          at_least_four: true,
        },
        {
          contract_id: "H9902",
          part_c_summary: 3,
          part_d_summary: 3,
          overall: 3,
          overall_mean: 3,
          overall_variance: 0,
          overall_reward_factor: 0,
          at_least_four: false,
        },
      ]);
    });

    await t.step("weak_measures: members-based measures first, by 100 · weight / members", async () => {
      const rows = await queryRows(
        db,
        `select measure_key, members_to_next_star, stars_at_stake_per_100
        from weak_measures where contract_id = 'H9902' and rank <= 3 order by rank`,
      );
      // Statins (weight 3): 15 members → 20; BCS 71 → 76: 710 → 755 = 45 → 2.22; COL 60 → 70: 600 → 695 = 95 → 1.05.
      assert.deepEqual(rows.map((r) => [r.measure_key, r.members_to_next_star]), [
        ["pdc_statins", 15],
        ["bcs", 45],
        ["col", 95],
      ]);
      assert.equal(rows[0]!.stars_at_stake_per_100, 20);
      const h1 = await queryRows(
        db,
        "select count(*)::integer as n from weak_measures where contract_id = 'H9901'",
      );
      assert.equal(h1[0]!.n, measures.length, "every 4★ measure can gain a star");
    });

    await t.step("star_money: QBP status and revenue one half star up and down", async () => {
      const rows = await queryRows(
        db,
        `select contract_id, rating, qbp_eligible, revenue_per_year, change_up_per_year,
        change_down_per_year from star_money order by contract_id`,
      );
      // H9901 4.5★, 1,000 members: B★ = 1,050, rebate 70% → 900 + 105 = 1,005 PMPM → 12,060,000 a year; 5★ pays
      // the same; 4★ rebate 65% → 997.5 → −7.5 × 12,000 = −90,000.
      // H9902 3★, 2,000 members: no bonus, rebate 50% → 950 → 22,800,000; 3.5★ → 65% → 965 → +360,000; 2.5★ → 0.
      assert.deepEqual(rows, [
        {
          contract_id: "H9901",
          rating: 4.5,
          qbp_eligible: true,
          revenue_per_year: 12_060_000,
          change_up_per_year: 0,
          change_down_per_year: -90_000,
        },
        {
          contract_id: "H9902",
          rating: 3,
          qbp_eligible: false,
          revenue_per_year: 22_800_000,
          change_up_per_year: 360_000,
          change_down_per_year: 0,
        },
      ]);
    });

    await t.step(
      "star_forecast: an ordered interval per contract; the stronger contract more likely ≥ 4★",
      async () => {
        const rows = await queryRows(
          db,
          `select contract_id, star_year, current_overall, forecast_low, forecast_overall,
        forecast_high, p_at_least_four from star_forecast order by contract_id`,
        );
        assert.equal(rows.length, 2);
        for (const r of rows) {
          assert.equal(r.star_year, 2027);
          assert.ok((r.forecast_low as number) <= (r.forecast_overall as number));
          assert.ok((r.forecast_overall as number) <= (r.forecast_high as number));
        }
        assert.ok((rows[0]!.p_at_least_four as number) > (rows[1]!.p_at_least_four as number));
      },
    );
  } finally {
    closeDb(db);
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("buildStarOutputs(): bad rows name the row, column and value", async (t) => {
  const cases: [string, RegExp][] = [
    [
      `('H9901', 'bcs', 'C02', 2024, 10, 5, 0, 50, 'claims')`,
      /\(H9901, bcs, 2024\): "measure_id" must be C01/,
    ],
    [
      `('H9901', 'bcs', 'C01', 2024, 10, 11, 0, 50, 'claims')`,
      /"numerator" must be a whole number from 0 to the denominator 10 \(11\)/,
    ],
    [
      `('H9901', 'nope', 'C01', 2024, 10, 5, 0, 50, 'claims')`,
      /"measure_key" is not a 2026 Star Ratings measure \("nope"\)/,
    ],
    [`('H9901', 'bcs', 'C01', 2024, 10, 5, 0, 50, 'survey')`, /"source" must be claims or scenario/],
  ];
  for (const [row, error] of cases) {
    await t.step(String(error), async () => {
      const db = await openDb({ threads: 1 });
      try {
        await db.con.run(`create table contract_measure_rates as select * from (values ${row}) t(contract_id,
          measure_key, measure_id, measurement_year, denominator, numerator, exclusions, rate, source)`);
        await assert.rejects(buildStarOutputs(db, { forecast: FORECAST }), error);
      } finally {
        closeDb(db);
      }
    });
  }
});

Deno.test("step_measure_rates.sql: the scored measurement year", async (t) => {
  const db = await openDb({ threads: 1 });
  const sql = Deno.readTextFileSync(
    new URL("../../../loaders/stars/step_measure_rates.sql", import.meta.url),
  );
  const years = async (asked: number | null, complete: number[] | null) => {
    const reader = await db.con.runAndReadAll(sql, [asked, complete === null ? null : complete.join(",")]);
    return [...new Set(reader.getRowObjectsJS().map((r) => r.measurement_year))];
  };
  try {
    await db.con.run(`create table contract_measure_rates as select * from (values
      ('H1', 'bcs', 'C01', 2024, 10, 5, 0, 50.0, 'claims'), ('H2', 'bcs', 'C01', 2024, 10, 5, 0, 50.0, 'claims'),
      ('H1', 'bcs', 'C01', 2025, 10, 5, 0, 50.0, 'claims'), ('H2', 'bcs', 'C01', 2025, 10, 5, 0, 50.0, 'claims'),
      ('H1', 'bcs', 'C01', 2026, 10, 5, 0, 50.0, 'claims')
    ) t(contract_id, measure_key, measure_id, measurement_year, denominator, numerator, exclusions, rate, source)`);
    await t.step("latest year every contract has (2026 lacks H2)", async () => {
      assert.deepEqual(await years(null, null), [2025]);
    });
    await t.step("and among the years member_months covers in full", async () => {
      assert.deepEqual(await years(null, [2024]), [2024]);
    });
    await t.step("a year asked for wins", async () => {
      assert.deepEqual(await years(2026, [2024]), [2026]);
    });
    await t.step("no complete year: nothing to score", async () => {
      assert.deepEqual(await years(null, []), []);
    });
  } finally {
    closeDb(db);
  }
});

Deno.test("step_complete_years.sql: years with MA members in all 12 months", async () => {
  const db = await openDb({ threads: 1 });
  try {
    await db.con.run(`create table member_months as
      select 'M1' as member_id, strftime(d, '%Y-%m') as year_month, 'H1' as contract_id
      from range(date '2023-10-01', date '2026-10-01', interval 1 month) t(d)`);
    const sql = Deno.readTextFileSync(
      new URL("../../../loaders/stars/step_complete_years.sql", import.meta.url),
    );
    // 2023-10 … 2026-09: 2023 has 3 months, 2026 has 9.
    assert.deepEqual(await queryRows(db, sql), [{ measurement_year: 2024 }, { measurement_year: 2025 }]);
  } finally {
    closeDb(db);
  }
});
