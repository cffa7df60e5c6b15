/**
 * The PDC core (loaders/stars/measures/pdc_days.sql) on the worked examples of CMS's 2026 Star
 * Ratings Technical Notes, Attachment L (overlap shifting, Tables L-1 to L-5; inpatient stays,
 * Tables L-6 to L-13), with their exact covered days and treatment periods, plus a property test
 * against a day-by-day simulation written independently in TypeScript.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { closeDb, type Db, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { runMeasureStep } from "../../../loaders/stars/member_measures.ts";

interface Fill {
  ingredient: string;
  date: string;
  days: number;
}
interface Case {
  start: string;
  end: string;
  fills: Fill[];
  stays?: Array<[string, string]>;
}

async function pdc(db: Db, c: Case) {
  await db.con.run(
    `create or replace table stars_pdc_periods as select 'm' as member_id, 2023 as measurement_year,
    'ras' as pdc_class, ${sqlString(c.start)}::date as ipsd, ${sqlString(c.end)}::date as treatment_end`,
  );
  await db.con.run(`create or replace table stars_pdc_fills (member_id varchar, measurement_year integer,
    pdc_class varchar, ingredient varchar, claim_id varchar, fill_date date, days_supply integer)`);
  for (const [i, f] of c.fills.entries()) {
    await db.con.run(
      `insert into stars_pdc_fills values ('m', 2023, 'ras', ${sqlString(f.ingredient)}, 'c${
        String(i).padStart(3, "0")
      }', ${sqlString(f.date)}, ${f.days})`,
    );
  }
  await db.con.run(
    `create or replace table stars_stays (member_id varchar, admission_date date, discharge_date date)`,
  );
  for (const [a, b] of c.stays ?? []) {
    await db.con.run(`insert into stars_stays values ('m', ${sqlString(a)}, ${sqlString(b)})`);
  }
  await runMeasureStep(db, "stars_pdc_days", "pdc_days.sql");
  const [row] = await queryRows(
    db,
    "select days_covered, days_in_period, days_supply_remaining from stars_pdc_days",
  );
  return row as { days_covered: number; days_in_period: number; days_supply_remaining: number };
}

const jan = (d: number) => `2023-01-${String(d).padStart(2, "0")}`;
// January–April of a non-leap year: the Technical Notes' 120-day period
const FOUR_MONTHS = { start: "2023-01-01", end: "2023-04-30" };

Deno.test("pdc_days.sql on the Technical Notes' Attachment L examples", async (t) => {
  const db = await openDb();
  try {
    await t.step("L-1: non-overlapping fills of two drugs → 120/120", async () => {
      const r = await pdc(db, {
        ...FOUR_MONTHS,
        fills: [
          { ingredient: "benazepril", date: "2023-01-01", days: 31 },
          { ingredient: "benazepril", date: "2023-02-01", days: 28 },
          { ingredient: "captopril", date: "2023-03-01", days: 31 },
          { ingredient: "captopril", date: "2023-04-01", days: 30 },
        ],
      });
      assert.deepEqual([r.days_covered, r.days_in_period], [120, 120]);
    });
    // lisinopril, lisinopril+HCTZ (lisinopril is the target ingredient), benazepril+HCTZ
    const l2 = [
      { ingredient: "lisinopril", date: "2023-01-01", days: 31 },
      { ingredient: "lisinopril", date: "2023-01-16", days: 31 },
      { ingredient: "benazepril", date: "2023-02-01", days: 28 },
    ];
    await t.step("L-2: before the overlap adjustment 59/120 (49%)", async () => {
      const unshifted = l2.map((f, i) => ({ ...f, ingredient: `${f.ingredient}-${i}` }));
      const r = await pdc(db, { ...FOUR_MONTHS, fills: unshifted });
      assert.deepEqual([r.days_covered, r.days_in_period], [59, 120]);
    });
    await t.step("L-3: the same ingredient's overlap shifted → 62/120 (52%)", async () => {
      const r = await pdc(db, { ...FOUR_MONTHS, fills: l2 });
      assert.deepEqual([r.days_covered, r.days_in_period], [62, 120]);
      assert.equal(Math.round((100 * r.days_covered) / r.days_in_period), 52);
    });
    const l4 = [
      ...l2.slice(0, 2),
      { ingredient: "captopril", date: "2023-03-01", days: 31 },
      { ingredient: "lisinopril", date: "2023-03-16", days: 31 },
    ];
    await t.step("L-4: before adjustment 92/120 (77%)", async () => {
      const unshifted = l4.map((f, i) => ({ ...f, ingredient: `${f.ingredient}-${i}` }));
      const r = await pdc(db, { ...FOUR_MONTHS, fills: unshifted });
      assert.deepEqual([r.days_covered, r.days_in_period], [92, 120]);
    });
    await t.step("L-5: lisinopril shifted, captopril not → 105/120 (88%)", async () => {
      const r = await pdc(db, { ...FOUR_MONTHS, fills: l4 });
      assert.deepEqual([r.days_covered, r.days_in_period], [105, 120]);
    });
    const fifteen = { start: jan(1), end: jan(15) };
    await t.step("L-6/L-7: gap after an IP stay on days 5–6 → 12/13 (92%)", async () => {
      const r = await pdc(db, {
        ...fifteen,
        fills: [{ ingredient: "x", date: jan(1), days: 8 }, { ingredient: "x", date: jan(12), days: 4 }],
        stays: [[jan(5), jan(6)]],
      });
      assert.deepEqual([r.days_covered, r.days_in_period, r.days_supply_remaining], [12, 13, 0]);
    });
    await t.step(
      "L-8/L-9: gap before an IP stay on days 12–13 → 9/13 (69%), nothing shifted into it",
      async () => {
        const r = await pdc(db, {
          ...fifteen,
          fills: [{ ingredient: "x", date: jan(1), days: 7 }, { ingredient: "x", date: jan(12), days: 4 }],
          stays: [[jan(12), jan(13)]],
        });
        assert.deepEqual([r.days_covered, r.days_in_period, r.days_supply_remaining], [9, 13, 2]);
      },
    );
    await t.step("L-10/L-11: gaps before and after an IP stay on days 6–9 → 9/11 (82%)", async () => {
      const r = await pdc(db, {
        ...fifteen,
        fills: [
          { ingredient: "x", date: jan(1), days: 3 },
          { ingredient: "x", date: jan(6), days: 4 },
          { ingredient: "x", date: jan(12), days: 4 },
        ],
        stays: [[jan(6), jan(9)]],
      });
      assert.deepEqual([r.days_covered, r.days_in_period], [9, 11]);
    });
    await t.step(
      "L-12/L-13: supply held in a stay on days 2–4 pushes the next fill → 9/12 (75%)",
      async () => {
        const r = await pdc(db, {
          ...fifteen,
          fills: [{ ingredient: "x", date: jan(1), days: 4 }, { ingredient: "x", date: jan(7), days: 5 }],
          stays: [[jan(2), jan(4)]],
        });
        assert.deepEqual([r.days_covered, r.days_in_period], [9, 12]);
      },
    );

    await t.step("matches a day-by-day simulation on random fills and stays", async () => {
      const day = (n: number) => new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10);
      const arb = fc.record({
        length: fc.integer({ min: 30, max: 120 }),
        fills: fc.array(
          fc.record({
            ing: fc.constantFrom("a", "b"),
            at: fc.integer({ min: 0, max: 119 }),
            days: fc.integer({ min: 1, max: 40 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        stays: fc.array(
          fc.record({ at: fc.integer({ min: 0, max: 119 }), len: fc.integer({ min: 1, max: 6 }) }),
          { maxLength: 2 },
        ),
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ length, fills, stays }) => {
          const inPeriod = fills.filter((f) => f.at < length);
          if (inPeriod.length === 0) return;
          const first = Math.min(...inPeriod.map((f) => f.at));
          // stays: non-overlapping, separated by at least one day (as merged stays are)
          const stayDays = new Set<number>();
          const kept: Array<[number, number]> = [];
          for (const s of [...stays].sort((a, b) => a.at - b.at)) {
            const [a, b] = [s.at, s.at + s.len - 1];
            if (kept.some(([x, y]) => a <= y + 1 && b >= x - 1)) continue;
            kept.push([a, b]);
          }
          for (const [a, b] of kept) for (let d = a; d <= b; d++) stayDays.add(d);
          const expected = simulate(first, length - 1, inPeriod, stayDays);
          const r = await pdc(db, {
            start: day(first),
            end: day(length - 1),
            fills: inPeriod.map((f) => ({ ingredient: f.ing, date: day(f.at), days: f.days })),
            stays: kept.map(([a, b]) => [day(a), day(b)]),
          });
          assert.deepEqual([r.days_covered, r.days_in_period], [expected.covered, expected.n]);
        }),
        { numRuns: 40, seed: 20261 },
      );
    });
  } finally {
    closeDb(db);
  }
});

/**
 * Day-by-day reference: walk the calendar from the first fill; each ingredient keeps a queue of
 * supply, a fill adds its days' supply to the queue on its date (an early refill therefore waits),
 * and on every non-stay day each ingredient with supply uses one day; a day is covered when any
 * ingredient used supply. Stay days are skipped entirely (neither counted nor consumed).
 */
function simulate(
  first: number,
  last: number,
  fills: ReadonlyArray<{ ing: string; at: number; days: number }>,
  stayDays: ReadonlySet<number>,
): { covered: number; n: number } {
  const stock = new Map<string, number>();
  let covered = 0, n = 0;
  for (let d = first; d <= last; d++) {
    for (const f of fills) if (f.at === d) stock.set(f.ing, (stock.get(f.ing) ?? 0) + f.days);
    if (stayDays.has(d)) continue;
    n++;
    let any = false;
    for (const [ing, left] of stock) {
      if (left > 0) {
        stock.set(ing, left - 1);
        any = true;
      }
    }
    if (any) covered++;
  }
  return { covered, n };
}
