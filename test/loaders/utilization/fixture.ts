/**
 * A hand-built payer for the utilization golden tests: two companies of two members each, one
 * month (2024-01), five ER visits that exercise every rule of the ER-visit definition.
 *
 * Company CA: A1 (North/Ashford, diabetes + hypertension), A2 (North/Bexley, covered 15–20 Jan).
 *   V1 A1 05 Jan at H1: institutional E1 (0450 99284, J069, paid 1,000 + lab 200) and a
 *      professional E1P on the same day found only by POS 23 (R079, paid 300) → one visit, primary
 *      dx J069 from the institutional claim, paid 1,500, not admitted; NYU avoidable 1.0.
 *   V2 A1 20 Jan at H2: E2 (99285, R079, paid 2,000), inpatient I2 starting 21 Jan → admitted;
 *      NYU avoidable 0.323943662 (epct of R079).
 *   E3 A2 16 Jan paid 800 and reversed by E3R → no visit. E4 A2 17 Jan rejected → no visit.
 *   Office O1 (A1, 100), telehealth T1 (A2, 50), one fill (A1, 30).
 * Company CB: B1 (South/Carlow, copd_asthma), B2.
 *   V4 B1 07 Jan at H2: E5 found only by revenue code 0981, dx ZZZ99 (unclassified), paid 600.
 *   V5 B1 25 Jan at H1: E6 (0450, S52501A injury, paid 900), admitted flag set, no inpatient claim.
 *   E7 B1 03 Feb: outside coverage → dropped. Office O2 (B2, 80).
 */
import { fileURLToPath } from "node:url";
import { createTableSql, INPUT_TABLES } from "../../../loaders/contract/schema.ts";
import { type Db, openDb, sqlString } from "../../../loaders/lib/duckdb.ts";
import { readSql } from "../../../loaders/lib/sql_file.ts";

const CLAIM_COLUMNS =
  "claim_id, claim_line_number, member_id, provider_id, claim_type, service_category, place_of_service_code, service_date, diagnosis_code_1, procedure_code, revenue_center_code, admitted, allowed_amount, paid_amount, claim_status";

/** Opens a database holding the fixture's contract tables, member months and ED table. */
export async function fixtureDb(): Promise<Db> {
  const db = await openDb({ threads: 1 });
  for (const spec of INPUT_TABLES) await db.con.run(createTableSql(spec));
  await db.con.run(`create table member_conditions (member_id varchar, condition varchar)`);
  await db.con.run(
    `insert into providers (provider_id, provider_name, network_tier, practice_type, region, town) values
    ('H1', 'North Hospital', 'preferred', 'hospital', 'North', 'Ashford'),
    ('H2', 'City Hospital', 'out_of_network', 'hospital', 'North', 'Bexley'),
    ('P1', 'Family Practice', 'preferred', 'primary_care', 'North', 'Ashford')`,
  );
  await db.con.run(
    `insert into members (member_id, line_of_business, company_id, birth_date, sex, region, town) values
    ('A1', 'commercial', 'CA', '1980-01-01', 'F', 'North', 'Ashford'),
    ('A2', 'commercial', 'CA', '1990-01-01', 'M', 'North', 'Bexley'),
    ('B1', 'commercial', 'CB', '1985-01-01', 'F', 'South', 'Carlow'),
    ('B2', 'commercial', 'CB', '1975-01-01', 'M', 'South', 'Carlow')`,
  );
  await db.con.run(
    `insert into eligibility (member_id, enrollment_start_date, enrollment_end_date, company_id) values
    ('A1', '2024-01-01', '2024-01-31', 'CA'),
    ('A2', '2024-01-15', '2024-01-20', 'CA'),
    ('B1', '2024-01-01', '2024-01-31', 'CB'),
    ('B2', '2024-01-01', '2024-01-31', 'CB')`,
  );
  await db.con.run(`insert into medical_claims (${CLAIM_COLUMNS}) values
    ('E1', 1, 'A1', 'H1', 'institutional', 'emergency_department', '23', '2024-01-05', 'J069', '99284', '0450', false, 1200, 1000, 'paid'),
    ('E1', 2, 'A1', 'H1', 'institutional', 'emergency_department', '23', '2024-01-05', 'J069', '80053', '0300', false, 250, 200, 'paid'),
    ('E1P', 1, 'A1', 'H1', 'professional', null, '23', '2024-01-05', 'R079', null, null, null, 350, 300, 'paid'),
    ('E2', 1, 'A1', 'H2', 'institutional', 'emergency_department', '23', '2024-01-20', 'R07.9', '99285', '0450', true, 2400, 2000, 'paid'),
    ('I2', 1, 'A1', 'H2', 'institutional', 'inpatient', '21', '2024-01-21', 'R079', null, '0120', null, 12000, 10000, 'paid'),
    ('E3', 1, 'A2', 'H1', 'institutional', 'emergency_department', '23', '2024-01-16', 'N390', '99283', '0450', false, 1000, 800, 'paid'),
    ('E3R', 1, 'A2', 'H1', 'institutional', 'emergency_department', '23', '2024-01-16', 'N390', '99283', '0450', false, -1000, -800, 'reversed'),
    ('E4', 1, 'A2', 'H1', 'institutional', 'emergency_department', '23', '2024-01-17', 'J069', '99283', '0450', false, 500, 0, 'rejected'),
    ('O1', 1, 'A1', 'P1', 'professional', 'office_visit', '11', '2024-01-10', 'I10', '99213', null, null, 120, 100, 'paid'),
    ('T1', 1, 'A2', 'P1', 'professional', 'telehealth', '02', '2024-01-18', 'J069', '99213', null, null, 60, 50, 'paid'),
    ('E5', 1, 'B1', 'H2', 'institutional', 'other', null, '2024-01-07', 'ZZZ99', null, '0981', null, 700, 600, 'paid'),
    ('E6', 1, 'B1', 'H1', 'institutional', 'emergency_department', '23', '2024-01-25', 'S52501A', '99284', '0450', true, 1100, 900, 'paid'),
    ('E7', 1, 'B1', 'H1', 'institutional', 'emergency_department', '23', '2024-02-03', 'J069', '99284', '0450', false, 900, 700, 'paid'),
    ('O2', 1, 'B2', 'P1', 'professional', 'office_visit', '11', '2024-01-12', 'I10', '99213', null, null, 90, 80, 'paid')`);
  await db.con.run(
    `insert into pharmacy_claims (claim_id, member_id, dispensing_date, drug_class, days_supply, allowed_amount, paid_amount, claim_status)
    values ('F1', 'A1', '2024-01-05', 'statin', 30, 40, 30, 'paid')`,
  );
  await db.con.run(
    `insert into member_conditions values ('A1', 'diabetes'), ('A1', 'hypertension'), ('B1', 'copd_asthma')`,
  );
  await db.con.run(
    `create table member_months as ${readSql(import.meta.url, "../../../loaders/core/member_months.sql")}`,
  );
  await db.con.run(
    `create table ed_classification as select * from read_csv(${
      sqlString(
        fileURLToPath(
          new URL("../../../data/reference/ed/ed_classification_johnston_icd10.csv", import.meta.url),
        ),
      )
    }, header = true, types = {'icd10': 'varchar'})`,
  );
  return db;
}
