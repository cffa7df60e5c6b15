import assert from "node:assert/strict";
import fc from "fast-check";
import { type CountsRow, monthIndex, scoreCompanyMonths } from "../../../loaders/utilization/score.ts";

const MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"];

/** A counts row with consistent parts (visits ≤ exposure-ish, admitted ≤ visits). */
const countsRow = (company_id: string, year_month: string) =>
  fc.record({
    member_months: fc.integer({ min: 1, max: 3000 }),
    er: fc.integer({ min: 0, max: 60 }),
    admittedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    avoidShare: fc.double({ min: 0, max: 1, noNaN: true }),
    paidPerVisit: fc.double({ min: 0, max: 5000, noNaN: true }),
    admissions: fc.integer({ min: 0, max: 30 }),
    office: fc.integer({ min: 0, max: 800 }),
    tele: fc.integer({ min: 0, max: 200 }),
    conditions: fc.integer({ min: 0, max: 3000 }),
  }).map((g): CountsRow => {
    const admitted = Math.floor(g.er * g.admittedShare);
    const nyu = Math.round(g.er * g.avoidShare * 1e6) / 1e6;
    return {
      company_id,
      year_month,
      member_months: g.member_months,
      claims: 0,
      medical_claims: 0,
      pharmacy_fills: 0,
      paid: g.member_months * 400,
      medical_paid: g.member_months * 320,
      pharmacy_paid: g.member_months * 80,
      allowed: g.member_months * 500,
      admissions: g.admissions,
      office_visits: g.office,
      telehealth_visits: g.tele,
      urgent_care_visits: 0,
      er_visits: g.er,
      er_admitted: admitted,
      er_paid: g.er * g.paidPerVisit,
      avoidable_er_visits_proxy: g.er - admitted,
      avoidable_er_paid_proxy: (g.er - admitted) * g.paidPerVisit,
      avoidable_er_visits_nyu: nyu,
      avoidable_er_paid_nyu: nyu * g.paidPerVisit,
      er_unclassified: 0,
      chronic_member_months: Math.min(g.conditions, g.member_months),
      condition_months: g.conditions,
    };
  });

/** Rows for companies C1..Cn over the given months. */
const book = (companies: number, months: readonly string[]) =>
  fc.tuple(
    ...Array.from({ length: companies }, (_, c) => fc.tuple(...months.map((m) => countsRow(`C${c + 1}`, m)))),
  ).map((rows) => rows.flat());

Deno.test("scoreCompanyMonths()", async (t) => {
  await t.step("no future leak: changing or adding later months leaves earlier scores unchanged", () => {
    fc.assert(
      fc.property(
        book(4, MONTHS),
        book(5, MONTHS.slice(3)),
        fc.integer({ min: 0, max: 4 }),
        (rows, replacement, cutAt) => {
          const cut = MONTHS[cutAt]!;
          const early = rows.filter((r) => r.year_month <= cut);
          const a = scoreCompanyMonths(rows);
          const b = scoreCompanyMonths([...early, ...replacement.filter((r) => r.year_month > cut)]);
          const pick = (k: ReturnType<typeof scoreCompanyMonths>) =>
            k.filter((r) => r.year_month <= cut).map((r) => ({ ...r }));
          assert.deepEqual(pick(b), pick(a));
        },
      ),
      { numRuns: 40 },
    );
  });
  await t.step("every score decomposes: contributions add up to the IVI; bands follow the IVI", () => {
    fc.assert(
      fc.property(book(5, MONTHS.slice(0, 3)), (rows) => {
        for (const r of scoreCompanyMonths(rows)) {
          const sum = (r.contribution_u as number) + (r.contribution_h as number) +
            (r.contribution_e as number);
          assert.ok(Math.abs(sum - (r.ivi as number)) < 2e-3, `${sum} vs ${r.ivi}`);
          assert.ok((r.ivi as number) >= 0 && (r.ivi as number) <= 100);
          const band = (r.ivi as number) < 55 ? "High" : (r.ivi as number) < 70 ? "Medium" : "Low";
          assert.equal(r.risk_band, band);
        }
      }),
      { numRuns: 30 },
    );
  });
  await t.step("credibility-weighted rates lie between the raw window rate and the book", () => {
    fc.assert(
      fc.property(book(6, MONTHS.slice(0, 1)), (rows) => {
        const k = scoreCompanyMonths(rows);
        const bookRate = (k.reduce((s, r) =>
          s + r.er_visits, 0) / k.reduce((s, r) => s + r.member_months, 0)) *
          12_000;
        for (const r of k) {
          const lo = Math.min(r.er_per_1000_3m as number, bookRate) - 1e-3;
          const hi = Math.max(r.er_per_1000_3m as number, bookRate) + 1e-3;
          assert.ok((r.er_per_1000_cred as number) >= lo && (r.er_per_1000_cred as number) <= hi);
        }
      }),
      { numRuns: 30 },
    );
  });
});

Deno.test("scoreCompanyMonths() with nothing to score", async (t) => {
  await t.step(
    "a book with no ER, admission, office visit or condition keeps its KPIs and has no IVI",
    () => {
      const quiet = fc.sample(countsRow("C1", "2024-01"), { numRuns: 1, seed: 7 })[0]!;
      const empty = {
        ...quiet,
        er_visits: 0,
        er_admitted: 0,
        er_paid: 0,
        avoidable_er_visits_proxy: 0,
        avoidable_er_paid_proxy: 0,
        avoidable_er_visits_nyu: 0,
        avoidable_er_paid_nyu: 0,
        admissions: 0,
        office_visits: 0,
        telehealth_visits: 0,
        chronic_member_months: 0,
        condition_months: 0,
      };
      const [row] = scoreCompanyMonths([empty]);
      assert.equal(row!.ivi, null);
      assert.equal(row!.risk_band, null);
      assert.equal(row!.member_months, quiet.member_months);
    },
  );
  await t.step("no rows in, no rows out", () => {
    assert.deepEqual(scoreCompanyMonths([]), []);
  });
});

Deno.test("monthIndex()", () => {
  assert.equal(monthIndex("2024-01") - monthIndex("2023-12"), 1);
  assert.throws(() => monthIndex("2024-1"), /Cannot read year_month "2024-1": expected YYYY-MM/);
});
