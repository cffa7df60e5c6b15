/** The utilization upload fixture, the build's SQL texts and a native DuckDB engine for the upload tests. */
import { join } from "node:path";
import { closeDb, type Db, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";
import { parseMapping } from "../../../src/lib/input/mapping.ts";
import type { SqlEngine, UtilizationSql } from "../../../src/lib/upload/utilization_db.ts";
import { ROOT } from "../../support/project.ts";

/** The fixture folder: claims.csv, members.csv, providers.csv in the flat-claims layout. */
export const UPLOAD_CLAIMS = join(ROOT, "test", "input", "upload-claims");

/** The shipped flat-claims mapping, parsed. */
export const FLAT_CLAIMS = parseMapping(
  JSON.parse(await Deno.readTextFile(join(ROOT, "loaders", "input", "mappings", "flat-claims.json"))),
  "flat-claims",
);

/** The SQL files the build runs, as the page receives them. */
export const UTILIZATION_SQL: UtilizationSql = {
  member_months: await Deno.readTextFile(join(ROOT, "loaders", "core", "member_months.sql")),
  company_er_visits: await Deno.readTextFile(join(ROOT, "loaders", "utilization", "er_visits.sql")),
  company_month_counts: await Deno.readTextFile(
    join(ROOT, "loaders", "utilization", "company_month_counts.sql"),
  ),
};

/** The NYU/Johnston ED classification the build reads. */
export const ED_CLASSIFICATION_CSV = await Deno.readTextFile(
  join(ROOT, "data", "reference", "ed", "ed_classification_johnston_icd10.csv"),
);

/** The fixture's files as uploads. */
export async function fixtureUploads(): Promise<{ name: string; bytes: Uint8Array }[]> {
  return await Promise.all(
    ["claims.csv", "members.csv", "providers.csv"].map(async (name) => ({
      name,
      bytes: await Deno.readFile(join(UPLOAD_CLAIMS, name)),
    })),
  );
}

/** Runs `fn` with a native DuckDB engine (registered texts are temp files), closed afterwards. */
export async function withEngine<T>(fn: (engine: SqlEngine, db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ threads: 1 });
  const dir = await Deno.makeTempDir({ prefix: "lodestar-upload-" });
  const files = new Map<string, string>();
  const engine: SqlEngine = {
    query: (sql) => {
      let text = sql;
      for (const [name, path] of files) text = text.replaceAll(`'${name}'`, `'${path}'`);
      return queryRows(db, text);
    },
    registerText: async (name, text) => {
      const path = join(dir, name);
      if (typeof text === "string") await Deno.writeTextFile(path, text);
      else await Deno.writeFile(path, text);
      files.set(name, path);
    },
  };
  try {
    return await fn(engine, db);
  } finally {
    closeDb(db);
    await Deno.remove(dir, { recursive: true });
  }
}
