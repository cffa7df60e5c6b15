/**
 * The pharmacy fills of `pharmacy_claims.sql`, made in TypeScript from the generator's tables and
 * written straight to Parquet: the same rows and values, in the output's order (member, then claim
 * id), without the SQL's list expansions, joins and sort.
 *
 * Per member (with a pharmacy in the member's region, picked once per member):
 * - acute fills: for each member-month with at least one (u ≥ e^{−λ}), n = rpois(λ, u) fills
 *   `RX<member>-A<mm><kk>` on day ⌊runif('rx_acute_day')·(days left in the month)⌋, one of four
 *   antibiotics, allowed = round(14·exp(0.3·rnorm('rx_acute_cost')), 2);
 * - maintenance fills: therapy t's k-th candidate fill falls on first_fill + Σ_{j≤k} step_j with
 *   step_0 = 0, step_j = d + round(d·(1/a − 1)·exp(0.5·rnorm('rx_gap', t, j) − 0.125)),
 *   for k < min(fills_before_stop + 1, ⌈months·30.44/d⌉ + 1), kept while the member is enrolled;
 *   `RX<member>-T<tt><kkk>`, allowed = round(cost₃₀·d/30·exp(0.1·rnorm('rx_cost', t, k)), 2);
 * - each fill is rejected (paid 0) when runif('rx_status', claim_id) < r, reversed when it falls in
 *   [r, r + v): the fill is paid and followed by its reversal `…R` with negated amounts;
 *   paid = round(0.8·allowed, 2).
 *
 * The inputs come from DuckDB as typed arrays (`queryColumns`), with the text keys' hashes computed
 * there. Two workers each make a range of members' fills (`pharmacy_fills_make.ts`, in parts as
 * `claim_parts.ts` makes them), writing a row group at a time, so each holds one row group of
 * fills; their two parts are then joined.
 *
 * The pipeline writes these fills for the synthetic payer (`writeSyntheticClaims` in
 * `loaders/pipeline.ts`); `pharmacy_claims.sql` stays as their definition, and
 * `test/loaders/pharmacy_fills_test.ts` checks the two equal, row for row. docs/synthetic-data.md
 * ("Towards a generator in TypeScript") has their speed.
 */
import { type Db, queryRows } from "../lib/duckdb.ts";
import { queryColumns, queryTextColumn } from "../lib/duckdb_columns.ts";
import { readSql } from "../lib/sql_file.ts";
import { copyRowsOf } from "./member_rows.ts";
import { withMembers, writeInParts } from "./claim_parts.ts";
import type { FillInputs } from "./pharmacy_fills_make.ts";

/** Reads the fills' inputs from the generator's tables (`people`, `therapies`, `eligibility`, `exposure`, `provider_index`). */
export async function readFillInputs(db: Db): Promise<FillInputs> {
  const [settings] = await queryRows(
    db,
    `select getvariable('seed')::bigint as seed, getvariable('months')::integer as months,
       getvariable('claim_status__rejected')::double as rejected, getvariable('claim_status__reversed')::double as reversed`,
  );
  await db.con.run(readSql(import.meta.url, "pharmacy_fills_members.sql"));
  await db.con.run(readSql(import.meta.url, "pharmacy_fills_drugs.sql"));
  try {
    const memberIds = await queryTextColumn(db, "fill_members", "member_id", "member_index");
    const providerIds = (await queryRows(
      db,
      "select distinct provider_id from fill_members where provider_id is not null order by provider_id",
    )).map((r) => r.provider_id as string);
    const members = await queryColumns(db, readSql(import.meta.url, "pharmacy_fills_member_codes.sql"));
    const drugs = (await queryRows(db, "select * from fill_drugs order by drug_code")).map((d) =>
      [d.drug_name, d.ingredient, d.drug_class, d.statin_intensity] as (string | null)[]
    );
    return {
      memberBase: 0,
      seed: Number(settings!.seed),
      months: Number(settings!.months),
      rejected: Number(settings!.rejected),
      reversed: Number(settings!.reversed),
      memberIds,
      providerIds,
      members,
      therapies: await queryColumns(db, readSql(import.meta.url, "pharmacy_fills_therapies.sql")),
      spans: await queryColumns(db, readSql(import.meta.url, "pharmacy_fills_spans.sql")),
      acute: await queryColumns(db, readSql(import.meta.url, "pharmacy_fills_acute.sql")),
      drugs,
    };
  } finally {
    await db.con.run("drop table fill_members; drop table fill_drugs");
  }
}

/**
 * Makes the synthetic payer's fills and writes them to `path`; returns the row count. The members
 * are split into two consecutive ranges (`CLAIM_PARTS`) with about as many therapies each, made
 * side by side in workers, each into a Parquet part in `work`, and the parts are joined in member
 * order (`concatParquet`). With `inProcess`, the parts are made one after the other in this thread
 * (the same bytes).
 */
export async function writePharmacyFills(
  db: Db,
  path: string,
  work: string,
  options: { inProcess?: boolean } = {},
): Promise<number> {
  return await writeFills(await readFillInputs(db), path, work, options);
}

/** {@linkcode writePharmacyFills} from inputs already read ({@linkcode readFillInputs}). */
export async function writeFills(
  inputs: FillInputs,
  path: string,
  work: string,
  options: { inProcess?: boolean } = {},
): Promise<number> {
  // the parts split the therapies evenly (most fills are refills), at a member boundary
  return await writeInParts(
    "pharmacy_claims",
    inputs,
    inputs.therapies.member_index!,
    partOf,
    path,
    work,
    options,
  );
}

/** The inputs of members `from…to` only, copied (member ids and rows). */
function partOf(inputs: FillInputs, from: number, to: number): FillInputs {
  return {
    ...withMembers(inputs, from, to),
    therapies: copyRowsOf(inputs.therapies, from, to),
    spans: copyRowsOf(inputs.spans, from, to),
    acute: copyRowsOf(inputs.acute, from, to),
  };
}
