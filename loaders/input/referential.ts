/**
 * Referential checks: rows that point at a member or provider that was not loaded, or at a date
 * outside the member's coverage. They are flagged in `rejects` (reason `referential: …`) and
 * still loaded, because a claim for a member missing from an extract is still a real cost.
 */
import type { Db } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { columnLabel, type TablePlan } from "./plan.ts";
import { sqlIdentifier } from "./read_source.ts";

/** What a table's rows refer to. */
export interface References {
  member: boolean;
  provider: boolean;
  /** The date that must fall in one of the member's eligibility spans. */
  date?: string;
}

/** The references checked, per contract table. */
export const REFERENCES: Readonly<Record<string, References>> = {
  eligibility: { member: true, provider: false },
  medical_claims: { member: true, provider: true, date: "service_date" },
  pharmacy_claims: { member: true, provider: true, date: "dispensing_date" },
};

/** Rows flagged by each check. */
export interface Flags {
  unknownMember: number;
  unknownProvider: number;
  outsideEligibility: number;
}

/** Source files of the referenced tables, named in the rejects' `expected`. */
export interface ReferencedFiles {
  members: string;
  /** null when the layout has no providers: provider_id is then not checked. */
  providers: string | null;
}

/**
 * Flags the staged rows of one table (`stage` holds them with `input_row_number`) against the
 * loaded `members`, `providers` and `eligibility` tables.
 */
export async function flagReferences(
  db: Db,
  plan: TablePlan,
  stage: string,
  files: ReferencedFiles,
): Promise<Flags> {
  const flags: Flags = { unknownMember: 0, unknownProvider: 0, outsideEligibility: 0 };
  const refs = REFERENCES[plan.spec.name];
  if (!refs) return flags;
  const date = refs.date ? sqlIdentifier(refs.date) : "null::date";
  await db.con.run(
    `create or replace temp view input_check as select input_row_number as row_number, member_id, ` +
      `${refs.provider ? "provider_id" : "null::varchar"} as provider_id, ${date} as event_date ` +
      `from ${sqlIdentifier(stage)}`,
  );
  const base = { table_name: plan.spec.name, file: plan.file };
  const run = async (sql: string, params: Record<string, string>): Promise<number> =>
    Number((await db.con.run(readSql(import.meta.url, sql), { ...base, ...params })).rowsChanged);
  flags.unknownMember = await run("./referential_member.sql", {
    column_name: columnLabel(plan, "member_id"),
    members_file: files.members,
  });
  if (refs.provider && files.providers !== null) {
    flags.unknownProvider = await run("./referential_provider.sql", {
      column_name: columnLabel(plan, "provider_id"),
      providers_file: files.providers,
    });
  }
  if (refs.date) {
    flags.outsideEligibility = await run("./referential_eligibility.sql", {
      column_name: columnLabel(plan, refs.date),
      date_column: refs.date,
    });
  }
  await db.con.run("drop view input_check");
  return flags;
}
