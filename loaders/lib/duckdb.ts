/**
 * DuckDB's native engine (`@duckdb/node-api`) is the pipeline's SQL engine and Parquet writer:
 * measured on this project's 2-core machine it writes a million rows to Parquet in well under a
 * second, where Arrow JS + parquet-wasm takes several seconds (see docs/architecture.md).
 */
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { sqlString } from "../../src/lib/sql_string.ts";

/** An open in-memory database and one connection to it. */
export interface Db {
  instance: DuckDBInstance;
  con: DuckDBConnection;
}

/** Options for {@linkcode openDb}. */
export interface OpenOptions {
  /** Worker threads; DuckDB's own choice when absent. */
  threads?: number;
  /**
   * A database file. Tables then live on disk and DuckDB keeps at most `memoryLimit` in memory,
   * spilling to `<path>.tmp`; without a path the database is in memory.
   */
  path?: string;
  /** DuckDB memory limit, e.g. "3GB". */
  memoryLimit?: string;
  /**
   * Where an in-memory database spills once it reaches `memoryLimit` (tables and operator state
   * move to temporary files there); default `<path>.tmp` for a database file.
   */
  tempDirectory?: string;
}

/** Opens a DuckDB database (in memory unless `path` is given). */
export async function openDb(options: OpenOptions = {}): Promise<Db> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  if (options.path !== undefined) config.temp_directory = `${options.path}.tmp`;
  if (options.tempDirectory !== undefined) config.temp_directory = options.tempDirectory;
  const instance = await DuckDBInstance.create(options.path ?? ":memory:", config);
  const con = await instance.connect();
  return { instance, con };
}

/** Closes the connection and the database. */
export function closeDb(db: Db): void {
  db.con.closeSync();
  db.instance.closeSync();
}

export { sqlString };

/**
 * Writes the rows of `query` (or a whole table, by name) to a Parquet file. ZSTD compression;
 * the caller's ORDER BY fixes the row order, so identical inputs give identical bytes.
 */
export async function writeParquet(db: Db, source: string, path: string): Promise<void> {
  const rows = /^\w+$/.test(source) ? source : `(${source})`;
  await db.con.run(`copy ${rows} to ${sqlString(path)} (format parquet, compression zstd)`);
}

/** Runs a query and returns its rows as plain objects (JS numbers for BIGINT where safe). */
export async function queryRows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.con.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}
