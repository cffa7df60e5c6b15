/**
 * Recommendations over a folder of pipeline outputs: reads `weak_measures.parquet`,
 * `company_risk_predictions.parquet` and `stars_catalogue_2026.parquet` (measure names) when present, runs {@linkcode buildRecommendations}, and writes
 * `recommendations.parquet` ordered by subject type and id (same inputs, client and cache → same bytes).
 *
 * `deno task recommendations --dir DIR --as-of YYYY-MM-DD [--cache data/genai_cache]`
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { closeDb, openDb, sqlString, writeParquet } from "../lib/duckdb.ts";
import { clientFromEnv, type GenAiClient } from "./client.ts";
import { loadLibrary } from "./library.ts";
import { buildRecommendations, type RecommendationReport } from "./recommendations.ts";

/** The shipped answer cache folder (committed, so rebuilds reuse model answers at no cost). */
export const CACHE_DIR = "data/genai_cache";

/** Runs the step on the Parquet files in `dir`; returns the report. */
export async function recommendationsOnParquet(
  dir: string,
  options: { asOf: string; client: GenAiClient; cacheDir?: string },
): Promise<RecommendationReport> {
  const db = await openDb({ threads: 1 });
  try {
    for (const table of ["weak_measures", "company_risk_predictions", "stars_catalogue_2026"]) {
      const file = join(dir, `${table}.parquet`);
      try {
        await Deno.stat(file);
      } catch {
        continue;
      }
      await db.con.run(`create table ${table} as select * from read_parquet(${sqlString(file)})`);
    }
    const report = await buildRecommendations(db, {
      client: options.client,
      library: await loadLibrary(),
      asOf: options.asOf,
      cacheDir: options.cacheDir,
    });
    await writeParquet(
      db,
      "select * from recommendations order by subject_type, subject_id",
      join(dir, "recommendations.parquet"),
    );
    return report;
  } finally {
    closeDb(db);
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { dir: { type: "string" }, "as-of": { type: "string" }, cache: { type: "string" } },
  });
  if (!values.dir || !values["as-of"]) {
    console.error("usage: deno task recommendations --dir DIR --as-of YYYY-MM-DD [--cache DIR]");
    Deno.exit(2);
  }
  const report = await recommendationsOnParquet(values.dir, {
    asOf: values["as-of"],
    client: clientFromEnv(),
    cacheDir: values.cache ?? CACHE_DIR,
  });
  console.error(JSON.stringify(report));
}
