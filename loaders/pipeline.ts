/**
 * The Lodestar pipeline: inputs → core tables → marts → Parquet. One function runs it; the site's
 * archive loader (`src/data/lodestar.tar.ts`) and the `deno task pipeline` command both call it, so
 * the site always shows what the command produces.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { closeDb, type Db, openDb, queryRows, sqlString, writeParquet } from "./lib/duckdb.ts";
import { progress } from "./lib/log.ts";
import { readSql } from "./lib/sql_file.ts";
import { type Manifest, type ManifestFile, sha256Hex } from "./manifest.ts";
import { DATA_DIR, generateSynthetic } from "./synthetic/generate.ts";

/** Version of the generator and transformations; bump when outputs change on purpose. */
export const GENERATOR_VERSION = "0.2.0";

/** Options for {@linkcode runPipeline}. */
export interface PipelineOptions {
  /** Output folder; created if missing. */
  out: string;
  /** Random seed for the synthetic default. */
  seed: number;
  /** Synthetic scale named in the scenario; default `default`. */
  scale?: string;
  /** Override the scenario's number of months (benchmarks). */
  months?: number;
}

/** Every table the pipeline writes, with the columns that fix its row order. */
export const OUTPUTS: ReadonlyArray<readonly [string, string]> = [
  ["providers", "provider_id"],
  ["members", "member_id"],
  ["eligibility", "member_id, enrollment_start_date"],
  ["member_months", "member_id, year_month"],
  ["medical_claims", "claim_id, claim_line_number"],
  ["pharmacy_claims", "claim_id"],
  ["member_conditions", "member_id, condition"],
  ["companies", "company_id"],
  ["contracts", "contract_id"],
  ["rejects", "table_name, row_number, column_name"],
  ["data_overview_monthly", "line_of_business, year_month"],
  ["data_benchmarks", "line_of_business, metric"],
];

/** Core tables and marts built from the contract tables, in order: table → SQL file. */
const CORE: ReadonlyArray<readonly [string, string]> = [
  ["member_months", "./core/member_months.sql"],
  ["data_overview_monthly", "./core/data_overview_monthly.sql"],
  ["data_benchmarks", "./core/data_benchmarks.sql"],
];

async function buildCore(db: Db): Promise<void> {
  await db.con.run(`create or replace table benchmarks as select * from read_csv(${
    sqlString(fileURLToPath(new URL("reference/benchmarks.csv", DATA_DIR)))
  }, header = true)`);
  await db.con.run(`create table if not exists rejects (table_name varchar, file varchar, row_number integer,
    column_name varchar, value varchar, reason varchar, expected varchar)`);
  for (const [table, file] of CORE) {
    progress("pipeline", `building ${table}`);
    await db.con.run(`create or replace table ${table} as ${readSql(import.meta.url, file)}`);
  }
}

/** Runs the pipeline and writes every table plus `manifest.json` to `options.out`. */
export async function runPipeline(options: PipelineOptions): Promise<Manifest> {
  const { out, seed, scale = "default" } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`Cannot run the pipeline: seed must be a non-negative integer (got ${seed})`);
  }
  await Deno.mkdir(out, { recursive: true });
  const db = await openDb();
  const files: ManifestFile[] = [];
  let scenario: string;
  try {
    scenario = (await generateSynthetic(db, { seed, scale, ...(options.months ? { months: options.months } : {}) })).name;
    await buildCore(db);
    for (const [table, order] of OUTPUTS) {
      const name = `${table}.parquet`;
      await writeParquet(db, `select * from ${table} order by ${order}`, join(out, name));
      const [row] = await queryRows(db, `select count(*)::bigint as n from ${table}`);
      const data = await Deno.readFile(join(out, name));
      files.push({ name, rows: Number(row!.n), bytes: data.length, sha256: await sha256Hex(data) });
      progress("pipeline", `wrote ${name} (${Number(row!.n).toLocaleString("en-US")} rows, ${data.length.toLocaleString("en-US")} bytes)`);
    }
  } finally {
    closeDb(db);
  }
  const manifest: Manifest = {
    generator: `lodestar-pipeline ${GENERATOR_VERSION}`,
    seed,
    scenario: `${scenario}/${scale}`,
    input: "synthetic",
    files,
  };
  await Deno.writeTextFile(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
