/**
 * The medical claim lines of `claim_lines.sql` and `medical_claims.sql`, made in TypeScript from the
 * generator's event tables and written straight to Parquet: the same rows and values, in the
 * output's order (member, claim id, line), without the SQL's unions, joins and sort.
 *
 * Per member, one claim `CL<event id>` per event (`medical_claims_make.ts` has each kind's lines):
 * - an ER visit: the facility line (E/M code by pool), a lab line (runif('er_line2') < 0.6) and an
 *   imaging line (runif('er_line3') < 0.45), at a hospital of the member's region;
 * - an inpatient stay: one line, allowed = round(min(cap, days · rcost('ip', per-day median, sigma)), 2);
 * - an ambulatory event (drawn here from the member-months, as `ambulatory_events.sql` draws them:
 *   n ~ Poisson(Σ_c λ_c) per member-month, each event's kind c with probability λ_c / Σλ): one line
 *   by kind, and for office and specialist visits a laboratory claim `…L` with probability
 *   `lab_per_office_visit`;
 * - a care event: its line plus a zero-dollar line per CPT II result code;
 * with rcost(tag, key, b) = round(min(cap, median · e^{sigma·rnorm(tag, key, b, 0)}), 2) and the
 * provider the line's pool entry ⌊runif('provider', key)·n⌋ (a line whose pool is empty is dropped).
 * Each claim is rejected (paid 0) when runif('status', claim id) < r, reversed when it falls in
 * [r, r + v): paid, and followed by its reversal `…R` (paid 20 + ⌊40·runif('reversal')⌋ days later,
 * amounts negated). Paid = round(allowed · (1 − member share), 2), paid date = (discharge or service)
 * date + lag.
 *
 * The inputs come from DuckDB in member order: the small tables (ER visits, stays) as rows, the
 * large ones (member-months, conditions, care events) as typed arrays. Two workers each make a
 * range of members' lines (`claim_parts.ts`), writing a row group at a time.
 *
 * The pipeline writes these lines for the synthetic payer (`writeSyntheticClaims` in
 * `loaders/pipeline.ts`); the SQL (`ambulatory_events.sql`, `claim_lines.sql`, `medical_claims.sql`)
 * stays as their definition, and
 * `test/loaders/medical_claims_test.ts` checks the two equal, row for row.
 */
import { type Db, queryRows } from "../lib/duckdb.ts";
import { queryColumns, queryColumnsJS, queryTextColumn } from "../lib/duckdb_columns.ts";
import { readSql } from "../lib/sql_file.ts";
import { withMembers, writeInParts } from "./claim_parts.ts";
import {
  AMBULATORY_KINDS,
  arrayRowsOf,
  type CareEventKind,
  type CostParams,
  type MedicalClaimInputs,
} from "./medical_claims_make.ts";
import { copyRowsOf } from "./member_rows.ts";

/** The scenario's cost keys (`costs__<key>__median|sigma|cap`): one per ambulatory kind, and the rest. */
const COST_KEYS = [
  "er_facility",
  "er_ancillary",
  "inpatient_per_day",
  ...AMBULATORY_KINDS,
  "lab",
  "preventive",
];

/**
 * Reads the medical claims' inputs from the generator's tables (`people`, `exposure`,
 * `member_conditions`, `er_visits`, `admissions`, `care_events`, `provider_index`, `season`,
 * `condition_codes`, `care_event_params`).
 */
export async function readMedicalClaimInputs(db: Db): Promise<MedicalClaimInputs> {
  const [settings] = await queryRows(
    db,
    `select getvariable('seed')::bigint as seed,
       getvariable('claim_status__rejected')::double as rejected, getvariable('claim_status__reversed')::double as reversed,
       getvariable('paid_lag_days__min')::integer as lag_min, getvariable('paid_lag_days__max')::integer as lag_max,
       getvariable('utilization__lab_per_office_visit')::double as lab_per_office_visit,
       ${
      AMBULATORY_KINDS.flatMap((k) =>
        ["commercial", "ma", "per_condition"].map((p) =>
          `getvariable('utilization__${k}__${p}')::double as ${k}__${p}`
        )
      ).join(", ")
    },
       ${
      COST_KEYS.flatMap((k) =>
        ["median", "sigma", "cap"].map((p) => `getvariable('costs__${k}__${p}')::double as ${k}__${p}`)
      ).join(", ")
    }`,
  );
  const s = settings!;
  for (const [name, value] of Object.entries(s)) {
    if (value === null) throw new Error(`Cannot make the medical claims: the scenario sets no "${name}"`);
  }
  const costs: Record<string, CostParams> = Object.fromEntries(
    COST_KEYS.map((k) => [k, {
      median: Number(s[`${k}__median`]),
      sigma: Number(s[`${k}__sigma`]),
      cap: Number(s[`${k}__cap`]),
    }]),
  );
  const shares = await queryRows(db, readSql(import.meta.url, "medical_claims_shares.sql"));
  await db.con.run(readSql(import.meta.url, "medical_claims_members.sql"));
  try {
    const memberIds = await queryTextColumn(db, "claim_members", "member_id", "member_index");
    const regions = (await queryRows(db, "select distinct region from claim_members order by region"))
      .map((r) => r.region as string);
    const providerIds = (await queryRows(db, "select provider_id from provider_index order by provider_id"))
      .map((r) => r.provider_id as string);
    const providerCode = new Map(providerIds.map((id, i) => [id, i]));
    const pools = new Map<string, { practice: string; scope: string; codes: number[] }>();
    for (
      const r of await queryRows(
        db,
        "select practice_type, scope_region, provider_id from provider_index order by practice_type, scope_region, idx",
      )
    ) {
      const key = `${r.practice_type}|${r.scope_region}`;
      let pool = pools.get(key);
      if (!pool) {
        pool = { practice: String(r.practice_type), scope: String(r.scope_region), codes: [] };
        pools.set(key, pool);
      }
      pool.codes.push(providerCode.get(String(r.provider_id))!);
    }
    const careKinds = (await queryRows(
      db,
      `select event, procedure_code, procedure_category, service_category, practice_type, cost_key,
         place_of_service::varchar as place_of_service
       from care_event_params order by event`,
    )) as unknown as CareEventKind[];
    const resultCodes = (await queryRows(
      db,
      "select distinct result_codes from care_events where result_codes is not null order by result_codes",
    )).map((r) => String(r.result_codes).split("+"));
    const members = await queryColumns(db, readSql(import.meta.url, "medical_claims_member_codes.sql"));
    // members without a month in the window have no frailty row (and draw no events)
    const frailty = new Float64Array(memberIds.length);
    const frailties = await queryColumns(db, readSql(import.meta.url, "medical_claims_frailty.sql"));
    frailties.member_index!.forEach((member, i) => frailty[member] = frailties.frailty![i]!);
    const months = await queryRows(db, readSql(import.meta.url, "medical_claims_months.sql"));
    return {
      seed: Number(s.seed),
      rejected: Number(s.rejected),
      reversed: Number(s.reversed),
      lagMin: Number(s.lag_min),
      lagMax: Number(s.lag_max),
      commercialShare: shares.map((r) => Number(r.commercial)),
      maShare: Number(shares[0]!.ma),
      labPerOfficeVisit: Number(s.lab_per_office_visit),
      costs,
      memberBase: 0,
      memberIds,
      members: { ...members, frailty },
      regions,
      providerIds,
      providerPools: [...pools.values()],
      conditionIcd10: (await queryRows(db, readSql(import.meta.url, "medical_claims_condition_icd10.sql")))
        .map((r) => r.icd10 === null ? null : String(r.icd10)),
      careKinds,
      resultCodes,
      er: await queryColumnsJS(
        db,
        readSql(import.meta.url, "medical_claims_er.sql"),
      ) as MedicalClaimInputs["er"],
      admissions: await queryColumnsJS(
        db,
        readSql(import.meta.url, "medical_claims_admissions.sql"),
      ) as MedicalClaimInputs["admissions"],
      spans: await queryColumns(db, readSql(import.meta.url, "medical_claims_spans.sql")),
      monthFirstDays: months.map((r) => Number(r.first_day)),
      monthLastDays: months.map((r) => Number(r.last_day)),
      memberConditions: await queryColumns(db, readSql(import.meta.url, "medical_claims_conditions.sql")),
      ambulatoryRates: AMBULATORY_KINDS.map((kind) => ({
        commercial: Number(s[`${kind}__commercial`]),
        ma: Number(s[`${kind}__ma`]),
        per_condition: Number(s[`${kind}__per_condition`]),
      })),
      respiratory: (await queryRows(db, "select respiratory from season order by month_of_year"))
        .map((r) => Number(r.respiratory)),
      care: await queryColumns(db, readSql(import.meta.url, "medical_claims_care.sql")),
    };
  } finally {
    await db.con.run("drop table claim_members");
  }
}

/**
 * Makes the synthetic payer's medical claim lines and writes them to `path`; returns the row count.
 * The members are split into two consecutive ranges (`CLAIM_PARTS`) with about as many
 * enrollment spans each, made side by side in workers (or, with `inProcess`, one after the other
 * in this thread: the same bytes).
 */
export async function writeMedicalClaims(
  db: Db,
  path: string,
  work: string,
  options: { inProcess?: boolean } = {},
): Promise<number> {
  return await writeClaims(await readMedicalClaimInputs(db), path, work, options);
}

/** {@linkcode writeMedicalClaims} from inputs already read ({@linkcode readMedicalClaimInputs}). */
export async function writeClaims(
  inputs: MedicalClaimInputs,
  path: string,
  work: string,
  options: { inProcess?: boolean } = {},
): Promise<number> {
  // the parts split the enrollment spans evenly (about as many members), at a member boundary
  return await writeInParts(
    "medical_claims",
    inputs,
    inputs.spans.member_index!,
    partOf,
    path,
    work,
    options,
  );
}

/** The inputs of members `from…to` only, copied (member ids and rows). */
function partOf(inputs: MedicalClaimInputs, from: number, to: number): MedicalClaimInputs {
  return {
    ...withMembers(inputs, from, to),
    er: arrayRowsOf(inputs.er, from, to),
    admissions: arrayRowsOf(inputs.admissions, from, to),
    spans: copyRowsOf(inputs.spans, from, to),
    memberConditions: copyRowsOf(inputs.memberConditions, from, to),
    care: copyRowsOf(inputs.care, from, to),
  };
}
