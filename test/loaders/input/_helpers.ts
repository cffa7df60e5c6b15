/** Shared helpers for the input-layer tests: fixture paths, a database per test, temp folders. */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, type Db, openDb, queryRows } from "../../../loaders/lib/duckdb.ts";

/** A fixture folder under `test/input/`. */
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../input/${name}`, import.meta.url));

/** Runs `fn` with a fresh in-memory database, closed afterwards. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb({ threads: 1 });
  try {
    return await fn(db);
  } finally {
    closeDb(db);
  }
}

/** Runs `fn` in a temp folder that starts as a copy of the named fixtures' files (later ones win). */
export async function withCopy<T>(fixtures: string[], fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-input-" });
  try {
    for (const name of fixtures) {
      for await (const entry of Deno.readDir(fixture(name))) {
        await Deno.copyFile(join(fixture(name), entry.name), join(dir, entry.name));
      }
    }
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The rejects of a table as compact tuples: [row, column, value, reason], in row order. */
export async function rejectsOf(db: Db, table: string): Promise<[number, string, string | null, string][]> {
  const rows = await queryRows(
    db,
    `select row_number, column_name, value, reason from rejects where table_name = '${table}' ` +
      `order by row_number, column_name, reason`,
  );
  return rows.map((
    r,
  ) => [r.row_number as number, r.column_name as string, r.value as string | null, r.reason as string]);
}

/** One column of a table, in table order, dates as `YYYY-MM-DD`. */
export async function columnOf(db: Db, table: string, column: string): Promise<unknown[]> {
  const rows = await queryRows(db, `select ${column}::varchar as v from ${table} order by rowid`);
  return rows.map((r) => r.v);
}
