/**
 * The Lodestar pipeline: inputs → core tables → marts → Parquet. One function runs it; the site's
 * archive loader (`src/data/lodestar.tar.ts`) and the `deno task pipeline` command both call it, so
 * the site always shows what the command produces.
 */
import { join } from "node:path";
import { closeDb, openDb, queryRows, writeParquet } from "./lib/duckdb.ts";
import { progress } from "./lib/log.ts";
import { readSql } from "./lib/sql_file.ts";
import { type Manifest, type ManifestFile, sha256Hex } from "./manifest.ts";

/** Version of the generator and transformations; bump when outputs change on purpose. */
export const GENERATOR_VERSION = "0.1.0";

/** Options for {@linkcode runPipeline}. */
export interface PipelineOptions {
  /** Output folder; created if missing. */
  out: string;
  /** Random seed for the synthetic default. */
  seed: number;
}

/** Tables the pipeline writes, in order: name → SQL file (relative to this module). */
const TABLES: ReadonlyArray<readonly [string, string]> = [
  ["company_months", "./placeholder/company_months.sql"],
];

/** Runs the pipeline and writes every table plus `manifest.json` to `options.out`. */
export async function runPipeline(options: PipelineOptions): Promise<Manifest> {
  const { out, seed } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`Cannot run the pipeline: seed must be a non-negative integer (got ${seed})`);
  }
  await Deno.mkdir(out, { recursive: true });
  const db = await openDb();
  const files: ManifestFile[] = [];
  try {
    await db.con.run(`set variable seed = ${seed}`);
    for (const [table, sqlPath] of TABLES) {
      progress("pipeline", `building ${table}`);
      await db.con.run(`create table ${table} as ${readSql(import.meta.url, sqlPath)}`);
      const name = `${table}.parquet`;
      await writeParquet(db, table, join(out, name));
      const [{ n }] = await queryRows(db, `select count(*)::integer as n from ${table}`) as [{ n: number }];
      const data = await Deno.readFile(join(out, name));
      files.push({ name, rows: n, bytes: data.length, sha256: await sha256Hex(data) });
      progress("pipeline", `wrote ${name} (${n} rows, ${data.length} bytes)`);
    }
  } finally {
    closeDb(db);
  }
  const manifest: Manifest = {
    generator: `lodestar-pipeline ${GENERATOR_VERSION}`,
    seed,
    scenario: "placeholder",
    input: "synthetic",
    files,
  };
  await Deno.writeTextFile(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}
