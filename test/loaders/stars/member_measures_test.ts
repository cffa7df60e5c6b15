/**
 * Member-level star measures on a hand-built payer (contract H0001, data 2024-01-01 to
 * 2025-12-31, so measurement years 2024 and 2025 are complete). Every expected numerator and
 * denominator below is counted by hand from the rows.
 */
import assert from "node:assert/strict";
import { closeDb, type Db, queryRows } from "../../../loaders/lib/duckdb.ts";
import { measuredDb, type Row } from "./_fixture.ts";

const span = (member_id: string, start = "2024-01-01", end = "2025-12-31"): Row => ({
  member_id,
  enrollment_start_date: start,
  enrollment_end_date: end,
  contract_id: "H0001",
});
const member = (member_id: string, sex: string, birth_date: string): Row => ({
  member_id,
  line_of_business: "medicare_advantage",
  contract_id: "H0001",
  birth_date,
  sex,
});
let claimNo = 0;
const claim = (member_id: string, service_date: string, extra: Row): Row => ({
  claim_id: `C${++claimNo}`,
  claim_line_number: 1,
  member_id,
  service_date,
  paid_amount: 10,
  claim_status: "paid",
  service_category: "office_visit",
  place_of_service_code: "11",
  ...extra,
});
const office = (member_id: string, date: string, dx: string): Row =>
  claim(member_id, date, { diagnosis_code_1: dx });
const code = (member_id: string, date: string, procedure_code: string, extra: Row = {}): Row =>
  claim(member_id, date, { procedure_code, ...extra });
const lab = (member_id: string, date: string, procedure_code: string): Row =>
  claim(member_id, date, { procedure_code, service_category: "laboratory", place_of_service_code: "81" });
const stay = (member_id: string, admit: string, discharge: string, extra: Row = {}): Row =>
  claim(member_id, admit, {
    discharge_date: discharge,
    service_category: "inpatient",
    place_of_service_code: "21",
    procedure_category: "emergency_admission",
    diagnosis_code_1: "I5022",
    ...extra,
  });
let fillNo = 0;
const fill = (member_id: string, date: string, drug: string, days_supply: number, extra: Row = {}): Row => ({
  claim_id: `R${++fillNo}`,
  member_id,
  dispensing_date: date,
  drug_name: drug,
  ingredient: drug.split(" ")[0]!,
  drug_class: drug.startsWith("atorvastatin") ? "statin" : "diabetes_oral",
  statin_intensity: drug.startsWith("atorvastatin") ? "moderate" : null,
  days_supply,
  paid_amount: 5,
  claim_status: "paid",
  ...extra,
});

const mammogram = (m: string, d: string): Row => code(m, d, "77067", { procedure_category: "mammogram" });

const PAYER: Record<string, Row[]> = {
  members: [
    member("W1", "F", "1960-06-01"),
    member("W2", "F", "1958-01-15"),
    member("W3", "F", "1955-03-03"),
    member("W4", "F", "1962-02-02"),
    member("W5", "F", "1961-07-07"),
    member("M6", "M", "1950-05-05"),
    member("M7", "M", "1952-08-08"),
    member("M8", "M", "1952-12-12"),
    member("M9", "M", "1955-01-01"),
  ],
  eligibility: [
    span("W1"),
    span("W2"),
    span("W3"),
    span("W4"),
    // 61-day gap in 2025: out of the 2025 denominators, in the 2024 ones
    span("W5", "2024-01-01", "2025-04-30"),
    span("W5", "2025-07-01", "2025-12-31"),
    span("M6"),
    span("M7"),
    span("M8"),
    span("M9"),
  ],
  medical_claims: [
    mammogram("W1", "2025-03-10"),
    // a mammogram reversed in full does not count
    mammogram("W3", "2025-05-05"),
    { ...mammogram("W3", "2025-05-05"), claim_status: "reversed", paid_amount: -10 },
    lab("W3", "2025-12-31", "85025"),
    office("W4", "2025-02-01", "Z9013"),
    mammogram("W5", "2025-09-01"),
    // colorectal: M6's FIT in 2025 only
    lab("M6", "2025-04-01", "82274"),
    // hypertension (second diagnosis 2024-09-01), latest 2025 reading 3077F + 3079F: not controlled
    office("M6", "2024-03-01", "I10"),
    office("M6", "2024-09-01", "I10"),
    code("M6", "2025-05-01", "3074F"),
    code("M6", "2025-05-01", "3078F"),
    code("M6", "2025-10-01", "3077F"),
    code("M6", "2025-10-01", "3079F"),
    // M7: hypertension and diabetes, controlled BP, last HbA1c 7–8%, eGFR + uACR pair, no eye exam
    claim("M7", "2025-01-10", { diagnosis_code_1: "I10", diagnosis_code_2: "E119" }),
    claim("M7", "2025-02-10", { diagnosis_code_1: "I10", diagnosis_code_2: "E119" }),
    code("M7", "2025-11-01", "3075F"),
    code("M7", "2025-11-01", "3079F"),
    lab("M7", "2025-06-01", "3046F"),
    lab("M7", "2025-11-15", "3051F"),
    lab("M7", "2025-03-01", "80053"),
    lab("M7", "2025-03-02", "82043"),
    lab("M7", "2025-03-05", "82570"),
    // M8: diabetes (2024 and 2025 diagnoses), palliative care in 2025, an eye exam
    office("M8", "2024-05-01", "E119"),
    office("M8", "2025-05-01", "E119"),
    office("M8", "2025-08-01", "Z515"),
    code("M8", "2025-03-03", "92014", { service_category: "preventive" }),
    // M9: an index stay readmitted 15 days later; the readmission is itself an index stay
    stay("M9", "2025-03-01", "2025-03-05"),
    stay("M9", "2025-03-20", "2025-03-25"),
  ],
  pharmacy_claims: [
    fill("M8", "2025-01-01", "atorvastatin 20 mg", 90),
    fill("M8", "2025-04-01", "atorvastatin 20 mg", 90),
    fill("M8", "2025-07-01", "atorvastatin 20 mg", 90),
    fill("M8", "2025-10-01", "atorvastatin 20 mg", 90),
    fill("M8", "2025-01-05", "metformin 1000 mg", 90),
    fill("M8", "2025-04-05", "metformin 1000 mg", 90),
    fill("M9", "2025-02-01", "atorvastatin 20 mg", 30),
    fill("M9", "2025-08-01", "atorvastatin 20 mg", 30),
  ],
  screening_history: [
    { member_id: "W2", procedure_category: "mammogram", service_date: "2023-11-01", source: "chart_review" },
    {
      member_id: "W2",
      procedure_category: "colonoscopy",
      service_date: "2016-05-01",
      source: "prior_claims",
    },
    {
      member_id: "M6",
      procedure_category: "colonoscopy",
      service_date: "2014-03-01",
      source: "prior_claims",
    },
  ],
};

async function rate(db: Db, key: string, year: number) {
  const rows = await queryRows(
    db,
    `select denominator, numerator, exclusions, rate from contract_measure_rates
     where contract_id = 'H0001' and measure_key = '${key}' and measurement_year = ${year}`,
  );
  return rows[0] ? rows[0] : null;
}

async function resultOf(db: Db, id: string, key: string, year: number) {
  const [row] = await queryRows(
    db,
    `select * from member_measures where member_id = '${id}' and measure_key = '${key}' and measurement_year = ${year}`,
  );
  return row;
}

Deno.test("buildStarMeasures() on a hand-built payer", async (t) => {
  const db = await measuredDb(PAYER);
  try {
    await t.step("measurement years: 2024 and 2025, both complete", async () => {
      const rows = await queryRows(db, "select measurement_year, is_complete from stars_years order by 1");
      assert.deepEqual(rows, [{ measurement_year: 2024, is_complete: true }, {
        measurement_year: 2025,
        is_complete: true,
      }]);
    });
    await t.step(
      "BCS 2025: history and claims count, reversal and enrolment gap do not, mastectomy excludes",
      async () => {
        assert.deepEqual(await rate(db, "bcs", 2025), {
          denominator: 3,
          numerator: 2,
          exclusions: 1,
          rate: 67,
        });
        const w4 = await resultOf(db, "W4", "bcs", 2025);
        assert.equal(w4!.exclusion_reason, "bilateral mastectomy");
        assert.equal(w4!.gap_open, false);
        const w5 = await resultOf(db, "W5", "bcs", 2025);
        assert.deepEqual([w5!.in_denominator, w5!.compliant, w5!.gap_open], [false, true, false]);
        const w3 = await resultOf(db, "W3", "bcs", 2025);
        assert.deepEqual([w3!.in_denominator, w3!.compliant, w3!.gap_open], [true, false, true]);
        assert.equal(w3!.measure_id, "C01");
        assert.equal((w3!.due_date as Date).toISOString().slice(0, 10), "2025-12-31");
      },
    );
    await t.step("BCS 2024: only the prior-history mammogram (27-month window) closes a gap", async () => {
      assert.deepEqual(await rate(db, "bcs", 2024), {
        denominator: 5,
        numerator: 1,
        exclusions: 0,
        rate: 20,
      });
    });
    await t.step("COL: a colonoscopy counts for 10 years, a FIT for its year", async () => {
      // 50–75 and enrolled: W1–W4, M6–M9; M8's palliative care excludes him
      assert.deepEqual(await rate(db, "col", 2025), {
        denominator: 7,
        numerator: 2,
        exclusions: 1,
        rate: 29,
      });
      assert.equal((await resultOf(db, "M6", "col", 2025))!.compliant, true);
      assert.equal((await resultOf(db, "M6", "col", 2024))!.compliant, false);
      assert.equal((await resultOf(db, "W2", "col", 2024))!.compliant, true);
    });
    await t.step(
      "CBP: the most recent reading decides; one diagnosis before July is not enough",
      async () => {
        assert.deepEqual(await rate(db, "cbp", 2025), {
          denominator: 2,
          numerator: 1,
          exclusions: 0,
          rate: 50,
        });
        assert.equal(await rate(db, "cbp", 2024), null);
        assert.equal((await resultOf(db, "M6", "cbp", 2025))!.gap_open, true);
      },
    );
    await t.step(
      "diabetes care: last HbA1c controls, uACR from a pair 3 days apart, palliative excludes",
      async () => {
        assert.deepEqual(await rate(db, "gsd", 2025), {
          denominator: 1,
          numerator: 1,
          exclusions: 1,
          rate: 100,
        });
        assert.deepEqual(await rate(db, "eed", 2025), {
          denominator: 1,
          numerator: 0,
          exclusions: 1,
          rate: 0,
        });
        assert.deepEqual(await rate(db, "ked", 2025), {
          denominator: 1,
          numerator: 1,
          exclusions: 1,
          rate: 100,
        });
        assert.equal((await resultOf(db, "M8", "gsd", 2025))!.exclusion_reason, "palliative care");
        assert.equal(
          await resultOf(db, "M8", "gsd", 2024),
          undefined,
          "one diagnosis by 2024 is not diabetes",
        );
      },
    );
    await t.step("statin adherence: 90-day fills cover 360 of 365 days; stays leave 60 of 323", async () => {
      assert.deepEqual(await rate(db, "pdc_statins", 2025), {
        denominator: 2,
        numerator: 1,
        exclusions: 0,
        rate: 50,
      });
      const m8 = await resultOf(db, "M8", "pdc_statins", 2025);
      assert.deepEqual([m8!.days_covered, m8!.days_in_period, m8!.compliant], [360, 365, true]);
      const m9 = await resultOf(db, "M9", "pdc_statins", 2025);
      // Feb 1 – Dec 31 is 334 days, minus the stays' 5 + 6 days; the first fill's supply held
      // during the March 1–5 stay covers March 6–7 instead
      assert.deepEqual([m9!.days_covered, m9!.days_in_period, m9!.pdc, m9!.gap_open], [
        60,
        323,
        0.1858,
        true,
      ]);
    });
    await t.step("diabetes adherence and SUPD", async () => {
      const m8 = await resultOf(db, "M8", "pdc_diabetes", 2025);
      assert.deepEqual([m8!.days_covered, m8!.days_in_period, m8!.compliant], [180, 361, false]);
      assert.deepEqual(await rate(db, "supd", 2025), {
        denominator: 1,
        numerator: 1,
        exclusions: 0,
        rate: 100,
      });
    });
    await t.step("PCR: two index stays, the first readmitted", async () => {
      assert.deepEqual(await rate(db, "pcr", 2025), {
        denominator: 2,
        numerator: 1,
        exclusions: 0,
        rate: 50,
      });
      const m9 = await resultOf(db, "M9", "pcr", 2025);
      assert.deepEqual([m9!.denominator_events, m9!.numerator_events, m9!.compliant], [2, 1, false]);
    });
    await t.step("scenario scores join for own contracts only, with their precision", async () => {
      const rows = await queryRows(
        db,
        `select contract_id, measure_id, rate, precision, source from contract_measure_rates
         where source = 'scenario' order by measure_id`,
      );
      assert.deepEqual(rows, [
        { contract_id: "H0001", measure_id: "C22", rate: 84, precision: 0, source: "scenario" },
        { contract_id: "H0001", measure_id: "C28", rate: 0.17, precision: 2, source: "scenario" },
      ]);
    });
  } finally {
    closeDb(db);
  }
});
