/** Bulk-inserts plain objects into a DuckDB table through the native appender. */
import type { Db } from "./duckdb.ts";

/** Column kinds the appender writes. */
export type AppendType = "varchar" | "integer" | "double" | "boolean";

/**
 * Creates `table` with the given columns and appends `rows` (objects keyed by column name).
 * Null or undefined values are appended as NULL.
 */
export async function createAndAppend<T extends object>(
  db: Db,
  table: string,
  columns: ReadonlyArray<readonly [keyof T & string, AppendType]>,
  rows: readonly T[],
): Promise<void> {
  await db.con.run(`create or replace table ${table} (${columns.map(([n, t]) => `${n} ${t}`).join(", ")})`);
  const appender = await db.con.createAppender(table);
  for (const row of rows) {
    for (const [name, type] of columns) {
      const value = (row as Record<string, unknown>)[name];
      if (value === null || value === undefined) appender.appendNull();
      else if (type === "varchar") appender.appendVarchar(String(value));
      else if (type === "integer") appender.appendInteger(value as number);
      else if (type === "double") appender.appendDouble(value as number);
      else appender.appendBoolean(value as boolean);
    }
    appender.endRow();
  }
  appender.closeSync();
}
