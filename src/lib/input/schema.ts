/**
 * The input contract: one definition per input table (columns, types, grain, allowed values).
 * The synthetic generator writes exactly these tables; an analyst's own files are mapped onto
 * them; validation, the DuckDB table definitions and the data dictionary page are all generated
 * from this file.
 */

/** Column types, as DuckDB names them. */
export type ColumnType = "varchar" | "integer" | "double" | "date" | "boolean";

/** One column of an input table. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** A value must be present (not null, not blank). */
  required: boolean;
  description: string;
  /** The only values allowed (varchar columns). */
  allowed?: readonly string[];
  /** Inclusive numeric bounds. */
  min?: number;
  max?: number;
}

/** One input table. */
export interface TableSpec {
  name: string;
  /** What one row is. */
  grain: string;
  description: string;
  /** Columns that together identify a row (the grain). */
  key: readonly string[];
  columns: readonly ColumnSpec[];
  /** The pipeline can run without this table (pages then say what could not be computed). */
  optional?: boolean;
}

export const LINES_OF_BUSINESS = ["commercial", "medicare_advantage"] as const;
export const SEXES = ["F", "M"] as const;
export const NETWORK_TIERS = ["preferred", "standard", "out_of_network"] as const;
export const PRACTICE_TYPES = [
  "hospital",
  "clinic",
  "polyclinic",
  "primary_care",
  "specialist",
  "urgent_care",
  "telehealth",
  "laboratory",
  "imaging",
  "pharmacy",
  "dental",
  "eye_care",
] as const;
export const CLAIM_TYPES = ["professional", "institutional"] as const;
export const CLAIM_STATUSES = ["paid", "rejected", "reversed"] as const;
/** Service groups the KPIs and star measures read (one per claim). */
export const SERVICE_CATEGORIES = [
  "emergency_department",
  "inpatient",
  "office_visit",
  "telehealth",
  "urgent_care",
  "outpatient",
  "laboratory",
  "imaging",
  "preventive",
  "dental",
  "other",
] as const;
export const DRUG_CLASSES = [
  "statin",
  "ras_antagonist",
  "diabetes_oral",
  "insulin",
  "beta_blocker",
  "bronchodilator",
  "antidepressant",
  "osteoporosis",
  "antibiotic",
  "other",
] as const;
export const CONDITIONS = [
  "diabetes",
  "hypertension",
  "hyperlipidemia",
  "ascvd",
  "heart_failure",
  "copd_asthma",
  "ckd",
  "depression",
  "osteoporosis",
] as const;

/** Screenings a prior history can record (procedure categories the look-back measures read). */
export const SCREENING_PROCEDURES = [
  "mammogram",
  "colonoscopy",
  "fit_test",
  "stool_dna",
  "sigmoidoscopy",
  "ct_colonography",
  "bone_density_scan",
] as const;

const col = (
  name: string,
  type: ColumnType,
  required: boolean,
  description: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ name, type, required, description, ...extra });

export const MEMBERS: TableSpec = {
  name: "members",
  grain: "one row per member_id",
  description:
    "People covered by the plan, commercial employees and dependants and Medicare Advantage enrollees.",
  key: ["member_id"],
  columns: [
    col("member_id", "varchar", true, "Member identifier, unique across the plan."),
    col(
      "subscriber_id",
      "varchar",
      false,
      "The subscriber (employee) a dependant is covered through; equals member_id for subscribers.",
    ),
    col("line_of_business", "varchar", true, "commercial (employer group) or medicare_advantage.", {
      allowed: LINES_OF_BUSINESS,
    }),
    col("company_id", "varchar", false, "Employer group, for commercial members."),
    col("contract_id", "varchar", false, "Medicare Advantage contract (H-number), for MA members."),
    col("birth_date", "date", true, "Date of birth."),
    col("sex", "varchar", true, "Administrative sex.", { allowed: SEXES }),
    col("region", "varchar", false, "Region of residence."),
    col("town", "varchar", false, "Town of residence."),
    col("network_tier", "varchar", false, "Plan network tier.", { allowed: NETWORK_TIERS }),
    col("dual_eligible", "boolean", false, "Medicare-Medicaid dual eligible (MA)."),
    col("low_income_subsidy", "boolean", false, "Receives the Part D low-income subsidy (MA)."),
    col("death_date", "date", false, "Date of death, if any."),
  ],
};

export const ELIGIBILITY: TableSpec = {
  name: "eligibility",
  grain: "one row per member_id and enrollment span",
  description: "Enrollment spans; member-months are the calendar months a span overlaps.",
  key: ["member_id", "enrollment_start_date"],
  columns: [
    col("member_id", "varchar", true, "Member identifier."),
    col("enrollment_start_date", "date", true, "First day of coverage."),
    col("enrollment_end_date", "date", true, "Last day of coverage (inclusive)."),
    col("company_id", "varchar", false, "Employer group during the span (commercial)."),
    col("contract_id", "varchar", false, "MA contract during the span."),
    col("plan_id", "varchar", false, "Benefit plan."),
  ],
};

export const PROVIDERS: TableSpec = {
  name: "providers",
  grain: "one row per provider_id",
  description: "Provider registry: where care happened.",
  key: ["provider_id"],
  columns: [
    col("provider_id", "varchar", true, "Provider code."),
    col("provider_name", "varchar", false, "Name; 'Unknown' when missing."),
    col("network_tier", "varchar", false, "Network the provider belongs to; 'Unknown' when missing."),
    col("practice_type", "varchar", false, "Kind of practice; ER visits happen only at hospitals.", {
      allowed: [...PRACTICE_TYPES, "Unknown"],
    }),
    col("region", "varchar", false, "Region; 'Unknown' when missing."),
    col("town", "varchar", false, "Town; 'Unknown' when missing."),
  ],
};

export const MEDICAL_CLAIMS: TableSpec = {
  name: "medical_claims",
  grain: "one row per claim_id and claim_line_number",
  description: "Professional and institutional claim lines, including rejected and reversed lines.",
  key: ["claim_id", "claim_line_number"],
  columns: [
    col("claim_id", "varchar", true, "Claim identifier."),
    col("claim_line_number", "integer", true, "Line number within the claim, from 1.", { min: 1 }),
    col("member_id", "varchar", true, "Member the service was for."),
    col("provider_id", "varchar", false, "Provider that delivered the service."),
    col("claim_type", "varchar", false, "professional or institutional.", { allowed: CLAIM_TYPES }),
    col(
      "service_category",
      "varchar",
      false,
      "Service group (emergency_department, inpatient, office_visit, …).",
      { allowed: SERVICE_CATEGORIES },
    ),
    col(
      "place_of_service_code",
      "varchar",
      false,
      "CMS place-of-service code (23 ER, 21 inpatient, 11 office, 02/10 telehealth, 20 urgent care, 81 lab).",
    ),
    col("service_date", "date", true, "Date of service (admission date for inpatient stays)."),
    col("discharge_date", "date", false, "Discharge date (inpatient stays)."),
    col("paid_date", "date", false, "Date the claim was paid or adjudicated."),
    col("diagnosis_code_1", "varchar", false, "Primary ICD-10-CM diagnosis, without the dot."),
    col("diagnosis_code_2", "varchar", false, "Secondary ICD-10-CM diagnosis."),
    col("diagnosis_code_3", "varchar", false, "Third ICD-10-CM diagnosis."),
    col("procedure_code", "varchar", false, "HCPCS/CPT (including CPT II) code of the line."),
    col(
      "procedure_category",
      "varchar",
      false,
      "What the line is (er_visit, inpatient_stay, mammogram, colonoscopy, …).",
    ),
    col("revenue_center_code", "varchar", false, "UB-04 revenue code (institutional lines)."),
    col(
      "er_visit",
      "boolean",
      false,
      "The claim is an emergency-room visit (when the source has only a flag).",
    ),
    col(
      "admitted",
      "boolean",
      false,
      "The ER visit ended in an inpatient admission (when the source has only a flag).",
    ),
    col("allowed_amount", "double", false, "Allowed amount.", { min: -1e7, max: 1e7 }),
    col("paid_amount", "double", true, "Amount paid by the plan; negative on reversal lines.", {
      min: -1e7,
      max: 1e7,
    }),
    col("claim_status", "varchar", false, "paid, rejected or reversed; paid when absent.", {
      allowed: CLAIM_STATUSES,
    }),
  ],
};

export const PHARMACY_CLAIMS: TableSpec = {
  name: "pharmacy_claims",
  grain: "one row per claim_id",
  description: "Prescription fills (dispensing events).",
  key: ["claim_id"],
  optional: true,
  columns: [
    col("claim_id", "varchar", true, "Fill identifier."),
    col("member_id", "varchar", true, "Member the drug was dispensed to."),
    col("provider_id", "varchar", false, "Dispensing pharmacy."),
    col("dispensing_date", "date", true, "Fill date."),
    col("drug_name", "varchar", false, "Generic name and strength."),
    col(
      "ingredient",
      "varchar",
      false,
      "Active ingredient(s), '+'-separated for combinations (PDC counts each).",
    ),
    col("drug_class", "varchar", true, "Therapeutic class used by the adherence measures.", {
      allowed: DRUG_CLASSES,
    }),
    col("statin_intensity", "varchar", false, "high, moderate or low (statins).", {
      allowed: ["high", "moderate", "low"],
    }),
    col("days_supply", "integer", true, "Days' supply.", { min: 1, max: 365 }),
    col("quantity", "double", false, "Units dispensed.", { min: 0 }),
    col("allowed_amount", "double", false, "Allowed amount.", { min: -1e6, max: 1e6 }),
    col("paid_amount", "double", true, "Amount paid by the plan.", { min: -1e6, max: 1e6 }),
    col("claim_status", "varchar", false, "paid, rejected or reversed; paid when absent.", {
      allowed: CLAIM_STATUSES,
    }),
  ],
};

/** Prior screenings the claims window cannot show (look-back measures: colonoscopy 10 years, mammogram 27 months). */
export const SCREENING_HISTORY: TableSpec = {
  name: "screening_history",
  grain: "one row per member_id, procedure_category and service_date",
  description:
    "Screenings done before the claims window (prior plan, chart review, member attestation). Optional: without it the look-back measures see only the claims.",
  key: ["member_id", "procedure_category", "service_date"],
  optional: true,
  columns: [
    col("member_id", "varchar", true, "Member the screening was for."),
    col(
      "procedure_category",
      "varchar",
      true,
      "What was done, in the claims' procedure_category vocabulary.",
      { allowed: SCREENING_PROCEDURES },
    ),
    col("service_date", "date", true, "Date of the screening."),
    col("source", "varchar", false, "Where the record comes from (prior_claims, chart_review, attestation)."),
  ],
};

/** Every input table, in load order (referenced tables first). */
export const INPUT_TABLES: readonly TableSpec[] = [
  PROVIDERS,
  MEMBERS,
  ELIGIBILITY,
  MEDICAL_CLAIMS,
  PHARMACY_CLAIMS,
  SCREENING_HISTORY,
];

/** A `create table` statement for a spec. */
export function createTableSql(spec: TableSpec, name = spec.name): string {
  const columns = spec.columns.map((c) => `  ${c.name} ${c.type}`).join(",\n");
  return `create table ${name} (\n${columns}\n)`;
}
