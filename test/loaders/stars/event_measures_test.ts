/**
 * SPC, OMW and FMC, hospice, and the partial "year to date" on a second hand-built payer
 * (contract H0002, data 2024-01-01 to 2026-06-30). Expected counts are worked out by hand.
 */
import assert from "node:assert/strict";
import { closeDb, type Db, queryRows } from "../../../loaders/lib/duckdb.ts";
import { measuredDb, type Row } from "./_fixture.ts";

const END = "2026-06-30";
const member = (member_id: string, sex: string, birth_date: string): Row => ({
  member_id,
  line_of_business: "medicare_advantage",
  contract_id: "H0002",
  birth_date,
  sex,
});
const span = (member_id: string): Row => ({
  member_id,
  enrollment_start_date: "2024-01-01",
  enrollment_end_date: END,
  contract_id: "H0002",
});
let n = 0;
const line = (member_id: string, service_date: string, extra: Row): Row => ({
  claim_id: `E${++n}`,
  claim_line_number: 1,
  member_id,
  service_date,
  paid_amount: 10,
  service_category: "office_visit",
  place_of_service_code: "11",
  ...extra,
});
const office = (m: string, d: string, dx: string) => line(m, d, { diagnosis_code_1: dx });
const ed = (m: string, d: string, dx: string) =>
  line(m, d, {
    diagnosis_code_1: dx,
    service_category: "emergency_department",
    place_of_service_code: "23",
    procedure_category: "er_visit",
  });
const stay = (m: string, admit: string, discharge: string, dx: string) =>
  line(m, admit, {
    discharge_date: discharge,
    diagnosis_code_1: dx,
    service_category: "inpatient",
    place_of_service_code: "21",
    procedure_category: "emergency_admission",
  });
const rx = (
  member_id: string,
  date: string,
  drug_name: string,
  drug_class: string,
  extra: Row = {},
): Row => ({
  claim_id: `X${++n}`,
  member_id,
  dispensing_date: date,
  drug_name,
  ingredient: drug_name.split(" ")[0]!,
  drug_class,
  days_supply: 30,
  paid_amount: 5,
  ...extra,
});

const PAYER: Record<string, Row[]> = {
  members: [
    member("A1", "M", "1955-04-04"),
    member("A2", "F", "1960-01-01"),
    member("A3", "M", "1950-02-02"),
    member("A4", "F", "1956-03-03"),
    member("A5", "F", "1950-05-05"),
    member("A6", "M", "1948-06-06"),
    member("A7", "F", "1958-08-08"),
  ],
  eligibility: ["A1", "A2", "A3", "A4", "A5", "A6", "A7"].map(span),
  medical_claims: [
    // SPC: A1 IVD in 2024 and 2025 and a high-intensity statin; A2 revascularized in 2024, no statin;
    // A3 IVD both years but in hospice (place of service 34) in 2025
    office("A1", "2024-05-01", "I2510"),
    office("A1", "2025-05-01", "I2510"),
    line("A2", "2024-07-01", {
      procedure_code: "92928",
      service_category: "outpatient",
      place_of_service_code: "22",
    }),
    office("A3", "2024-02-01", "I2510"),
    office("A3", "2025-02-01", "I2510"),
    line("A3", "2025-09-01", { service_category: "other", place_of_service_code: "34" }),
    // OMW: A4 hip fracture treated within 180 days; A5 forearm fracture untreated (a second fracture 28
    // days later is not a new episode)
    ed("A4", "2025-03-10", "S72001A"),
    ed("A5", "2025-02-01", "S52501A"),
    ed("A5", "2025-03-01", "S52501A"),
    // FMC: A6 has heart failure (two visits) and COPD (one inpatient stay) before his ED visits
    office("A6", "2024-10-01", "I5022"),
    office("A6", "2024-11-01", "I5022"),
    stay("A6", "2025-01-05", "2025-01-08", "J449"),
    ed("A6", "2025-04-10", "R0602"), // followed up on day 5
    ed("A6", "2025-04-14", "R0602"), // within 7 days of the previous visit: not counted
    line("A6", "2025-04-15", { procedure_code: "99214" }),
    ed("A6", "2025-08-20", "R0602"), // no follow-up
    ed("A6", "2025-10-01", "R0602"), // admitted two days later: not counted
    stay("A6", "2025-10-03", "2025-10-06", "J449"),
    line("A7", END, { service_category: "laboratory", place_of_service_code: "81", procedure_code: "85025" }),
  ],
  pharmacy_claims: [
    rx("A1", "2025-06-01", "atorvastatin 80 mg", "statin", { statin_intensity: "high" }),
    rx("A3", "2025-06-01", "atorvastatin 80 mg", "statin", { statin_intensity: "high" }),
    rx("A4", "2025-05-01", "alendronate 70 mg", "osteoporosis"),
  ],
};

async function rate(db: Db, key: string, year: number) {
  const [row] = await queryRows(
    db,
    `select denominator, numerator, exclusions, rate from contract_measure_rates
     where contract_id = 'H0002' and measure_key = '${key}' and measurement_year = ${year}`,
  );
  return row;
}
async function resultOf(db: Db, id: string, key: string, year: number) {
  const [row] = await queryRows(
    db,
    `select * from member_measures where member_id = '${id}' and measure_key = '${key}' and measurement_year = ${year}`,
  );
  return row!;
}
const day = (v: unknown) => (v as Date).toISOString().slice(0, 10);

Deno.test("event measures, hospice and the partial year on a hand-built payer", async (t) => {
  const db = await measuredDb(PAYER);
  try {
    await t.step("2026 is a partial year ending on the data's last day", async () => {
      const rows = await queryRows(
        db,
        "select measurement_year, period_end, is_complete from stars_years order by 1",
      );
      assert.deepEqual(rows.map((r) => [r.measurement_year, day(r.period_end), r.is_complete]), [
        [2024, "2024-12-31", true],
        [2025, "2025-12-31", true],
        [2026, END, false],
      ]);
    });
    await t.step("SPC: IVD in both years or a revascularization last year; hospice excludes", async () => {
      assert.deepEqual(await rate(db, "spc", 2025), {
        denominator: 2,
        numerator: 1,
        exclusions: 1,
        rate: 50,
      });
      assert.equal((await resultOf(db, "A3", "spc", 2025)).exclusion_reason, "hospice");
      assert.equal((await resultOf(db, "A2", "spc", 2025)).gap_open, true);
      assert.equal(await rate(db, "spc", 2024), undefined, "no IVD before 2024 in the data");
    });
    await t.step(
      "OMW: treated within 180 days of the earliest fracture; the gap is due 180 days after",
      async () => {
        assert.deepEqual(await rate(db, "omw", 2025), {
          denominator: 2,
          numerator: 1,
          exclusions: 0,
          rate: 50,
        });
        const a5 = await resultOf(db, "A5", "omw", 2025);
        assert.deepEqual([day(a5.due_date), day(a5.last_event_date), a5.gap_open], [
          "2025-07-31",
          "2025-02-01",
          true,
        ]);
      },
    );
    await t.step(
      "FMC: one ED visit per 8 days, admitted visits dropped, follow-up within 7 days",
      async () => {
        assert.deepEqual(await rate(db, "fmc", 2025), {
          denominator: 2,
          numerator: 1,
          exclusions: 0,
          rate: 50,
        });
        const a6 = await resultOf(db, "A6", "fmc", 2025);
        assert.deepEqual([a6.denominator_events, a6.numerator_events, a6.compliant], [2, 1, false]);
      },
    );
    await t.step("year to date: open gaps are due on December 31 and flagged as a partial year", async () => {
      const a7 = await resultOf(db, "A7", "bcs", 2026);
      assert.deepEqual([a7.in_denominator, a7.gap_open, a7.complete_year, day(a7.due_date)], [
        true,
        true,
        false,
        "2026-12-31",
      ]);
    });
    await t.step(
      "without a screening history, BCS and COL rates say their look-back is limited",
      async () => {
        const rows = await queryRows(
          db,
          `select distinct measure_key, note from contract_measure_rates where note like 'no screening%' order by 1`,
        );
        assert.deepEqual(rows, [
          { measure_key: "bcs", note: "no screening history: look-back limited to claims from 2024-01-01" },
          { measure_key: "col", note: "no screening history: look-back limited to claims from 2024-01-01" },
        ]);
      },
    );
  } finally {
    closeDb(db);
  }
});
