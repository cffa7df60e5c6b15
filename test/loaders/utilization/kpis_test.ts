/** Golden values on the hand-built payer (arithmetic in the comments; see fixture.ts). */
import assert from "node:assert/strict";
import { closeDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { readSql } from "../../../loaders/lib/sql_file.ts";
import { type CountsRow, scoreCompanyMonths } from "../../../loaders/utilization/score.ts";
import { fixtureDb } from "./fixture.ts";

const sql = (name: string) => readSql(import.meta.url, `../../../loaders/utilization/${name}`);
const close = (a: unknown, b: number, tol = 1e-6) =>
  assert.ok(typeof a === "number" && Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

Deno.test("utilization KPIs on the hand-built payer", async (t) => {
  const db = await fixtureDb();
  try {
    await db.con.run(`create table company_er_visits as ${sql("er_visits.sql")}`);
    await t.step("er_visits.sql: one visit per member-day, reversals and rejects removed", async () => {
      const rows = await queryRows(
        db,
        `select member_id, strftime(service_date, '%Y-%m-%d') as day, company_id, provider_id, primary_dx, paid, admitted, classified, round(avoidable_probability, 9) as p
         from company_er_visits order by member_id, service_date`,
      );
      assert.deepEqual(rows, [
        // V1: 1,000 + 200 + 300 (E1P merged by POS 23); J069: edcnpa .1774193548 + epct .8225806452 = 1
        {
          member_id: "A1",
          day: "2024-01-05",
          company_id: "CA",
          provider_id: "H1",
          primary_dx: "J069",
          paid: 1500,
          admitted: false,
          classified: true,
          p: 1,
        },
        // V2: dot removed from R07.9; admitted by I2 the next day; epct of R079 = 0.323943662
        {
          member_id: "A1",
          day: "2024-01-20",
          company_id: "CA",
          provider_id: "H2",
          primary_dx: "R079",
          paid: 2000,
          admitted: true,
          classified: true,
          p: 0.323943662,
        },
        // V4: revenue code 0981 only; ZZZ99 is not in the table
        {
          member_id: "B1",
          day: "2024-01-07",
          company_id: "CB",
          provider_id: "H2",
          primary_dx: "ZZZ99",
          paid: 600,
          admitted: false,
          classified: false,
          p: 0,
        },
        // V5: the source's admitted flag; injury → 0 avoidable
        {
          member_id: "B1",
          day: "2024-01-25",
          company_id: "CB",
          provider_id: "H1",
          primary_dx: "S52501A",
          paid: 900,
          admitted: true,
          classified: true,
          p: 0,
        },
      ]);
    });
    const counts = (await queryRows(db, sql("company_month_counts.sql"))) as unknown as CountsRow[];
    await t.step("company_month_counts.sql: exposure, claims, paid and both avoidable-ER definitions", () => {
      assert.equal(counts.length, 2); // no February row: E7 falls outside coverage
      const [ca, cb] = counts;
      assert.deepEqual({ ...ca, avoidable_er_visits_nyu: undefined }, {
        company_id: "CA",
        year_month: "2024-01",
        member_months: 2, // A1 and A2 (a partial month counts in full)
        claims: 8, // paid claims E1, E1P, E2, I2, E3, O1, T1 + 1 fill
        medical_claims: 7,
        pharmacy_fills: 1,
        paid: 13680, // 1,200 + 300 + 2,000 + 10,000 + 800 − 800 + 100 + 50 + fill 30
        medical_paid: 13650,
        pharmacy_paid: 30,
        allowed: 16420, // 1,450 + 350 + 2,400 + 12,000 + 1,000 − 1,000 + 120 + 60 + 40 (E4 rejected)
        admissions: 1, // I2
        office_visits: 1,
        telehealth_visits: 1,
        urgent_care_visits: 0,
        er_visits: 2, // V1, V2
        er_admitted: 1, // V2
        er_paid: 3500,
        avoidable_er_visits_proxy: 1, // V1 (not admitted)
        avoidable_er_paid_proxy: 1500,
        avoidable_er_visits_nyu: undefined,
        avoidable_er_paid_nyu: 2147.89, // 1·1,500 + 0.323943662·2,000 = 2,147.887
        er_unclassified: 0,
        chronic_member_months: 1, // A1
        condition_months: 2, // A1's two conditions
      });
      close(ca!.avoidable_er_visits_nyu, 1.323944); // 1 + 0.323943662
      assert.deepEqual({ ...cb }, {
        company_id: "CB",
        year_month: "2024-01",
        member_months: 2,
        claims: 3, // E5, E6, O2
        medical_claims: 3,
        pharmacy_fills: 0,
        paid: 1580, // 600 + 900 + 80
        medical_paid: 1580,
        pharmacy_paid: 0,
        allowed: 1890, // 700 + 1,100 + 90
        admissions: 0,
        office_visits: 1,
        telehealth_visits: 0,
        urgent_care_visits: 0,
        er_visits: 2,
        er_admitted: 1, // V5 by flag
        er_paid: 1500,
        avoidable_er_visits_proxy: 1, // V4
        avoidable_er_paid_proxy: 600,
        avoidable_er_visits_nyu: 0, // unclassified + injury
        avoidable_er_paid_nyu: 0,
        er_unclassified: 1,
        chronic_member_months: 1,
        condition_months: 1,
      });
    });
    await t.step("company_month_segments.sql: by residence and by ER facility", async () => {
      const rows = await queryRows(
        db,
        `select dimension, value, er_visits, er_paid, avoidable_er_visits_proxy, avoidable_er_paid_proxy, round(avoidable_er_visits_nyu, 6) as nyu
         from (${sql("company_month_segments.sql")}) where company_id = 'CA' order by dimension, value`,
      );
      assert.deepEqual(rows, [
        {
          dimension: "network",
          value: "out_of_network",
          er_visits: 1,
          er_paid: 2000,
          avoidable_er_visits_proxy: 0,
          avoidable_er_paid_proxy: 0,
          nyu: 0.323944,
        },
        {
          dimension: "network",
          value: "preferred",
          er_visits: 1,
          er_paid: 1500,
          avoidable_er_visits_proxy: 1,
          avoidable_er_paid_proxy: 1500,
          nyu: 1,
        },
        {
          dimension: "practice_type",
          value: "hospital",
          er_visits: 2,
          er_paid: 3500,
          avoidable_er_visits_proxy: 1,
          avoidable_er_paid_proxy: 1500,
          nyu: 1.323944,
        },
        {
          dimension: "provider",
          value: "H1",
          er_visits: 1,
          er_paid: 1500,
          avoidable_er_visits_proxy: 1,
          avoidable_er_paid_proxy: 1500,
          nyu: 1,
        },
        {
          dimension: "provider",
          value: "H2",
          er_visits: 1,
          er_paid: 2000,
          avoidable_er_visits_proxy: 0,
          avoidable_er_paid_proxy: 0,
          nyu: 0.323944,
        },
        {
          dimension: "region",
          value: "North",
          er_visits: 2,
          er_paid: 3500,
          avoidable_er_visits_proxy: 1,
          avoidable_er_paid_proxy: 1500,
          nyu: 1.323944,
        },
        {
          dimension: "town",
          value: "Ashford",
          er_visits: 2,
          er_paid: 3500,
          avoidable_er_visits_proxy: 1,
          avoidable_er_paid_proxy: 1500,
          nyu: 1.323944,
        },
      ]);
    });
    await t.step("credibility weighting and the IVI", () => {
      const [ca, cb] = scoreCompanyMonths(counts);
      // Monthly: ER per 1,000 = 2·12,000/2 = 12,000 for both; proxy rate 1/2 for both
      close(ca!.er_per_1000, 12000);
      close(ca!.avoidable_er_rate_proxy, 0.5);
      close(ca!.avoidable_er_rate_nyu, 0.662); // 1.323944/2 rounded to 4 places
      // ER: 2 and 2 visits in 2 and 2 member-months → no spread, τ² = 0, Z = 0, both at the book 12,000
      close(ca!.er_credibility, 0);
      close(cb!.er_per_1000_cred, 12000);
      // Avoidable (NYU): x = 1.323944, 0; m = 1.323944/4 = 0.330986; r = 0.661972, 0
      // Σ E(r − m)² = 2·0.330986² + 2·0.330986² = 0.438210; (n − 1)m = 0.330986; ΣE − ΣE²/ΣE = 2
      // τ² = 0.053612, k = 6.173904, Z = 2/8.173904 = 0.244681
      close(ca!.avoidable_er_credibility, 0.2447, 1e-4);
      // CA: 0.244681·0.661972 + 0.755319·0.330986 = 0.411972 → ×12,000 = 4,943.66; CB: 0.755319·0.330986 = 0.25 → 3,000
      close(ca!.avoidable_er_per_1000_cred, 4943.66, 0.05);
      close(cb!.avoidable_er_per_1000_cred, 3000, 0.05);
      // Garwood on V1 + V2 = 2 visits in 2 member-months: (0.242209, 7.224688)·12,000/2
      close(ca!.er_per_1000_3m_lower, 1453.254, 0.01);
      close(ca!.er_per_1000_3m_upper, 43348.128, 0.01);
      // Each metric is divided by the book mean of the month (x / mean of the two); two equal-exposure
      // companies that differ then sit symmetrically around 1, so z = ±1; equal metrics give z = 0.
      // U: CA worse on all three → 100·Φ(0.6 − 1) = 34.457826; CB 100·Φ(0.6 + 1) = 94.520071
      // H: conditions/member 1 vs 0.5 → CA +1, CB −1; admissions 1 vs 0 events → τ² = 0 → equal → 100·Φ(0.6) = 72.574688
      //    H_CA = (34.457826 + 72.574688)/2 = 53.516257; H_CB = (94.520071 + 72.574688)/2 = 83.547380
      // E: first contact 2 vs 1 in 2 mm → m = 0.75, Σ E(r − m)² = 0.25 < (n − 1)m → equal; ln ratio equal → 72.574688
      // IVI_CA = 0.5·34.457826 + 0.2·53.516257 + 0.3·72.574688 = 49.704571 (High)
      // IVI_CB = 0.5·94.520071 + 0.2·83.547380 + 0.3·72.574688 = 85.741918 (Low)
      close(ca!.rel_conditions_per_member, 4 / 3); // 1 / 0.75
      close(ca!.ivi_u, 34.458, 1e-3);
      close(ca!.ivi_h, 53.516, 1e-3);
      close(ca!.ivi_e, 72.575, 1e-3);
      close(ca!.ivi, 49.705, 1e-3);
      assert.equal(ca!.risk_band, "High");
      close(cb!.ivi, 85.742, 1e-3);
      assert.equal(cb!.risk_band, "Low");
      close(
        (ca!.contribution_u as number) + (ca!.contribution_h as number) + (ca!.contribution_e as number),
        49.705,
        2e-3,
      );
    });
  } finally {
    closeDb(db);
  }
});
