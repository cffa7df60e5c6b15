/**
 * Finds an analyst's file for a table and reads it, every cell as text, into a DuckDB table
 * `(c0, c1, …)` in file order, so validation can report each bad value by row and column.
 * Delimited text goes through DuckDB's `read_csv`, Parquet through `read_parquet`, Excel through
 * exceljs.
 */
import { basename, extname } from "node:path";
import { type Db, queryRows, sqlString } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { detectCsv, windows1252ToUtf8 } from "./detect_csv.ts";
import { readXlsx } from "./read_xlsx.ts";

/** File extensions read, in order of preference when several files share a name. */
export const EXTENSIONS = ["csv", "parquet", "txt", "tsv", "xlsx"] as const;

/** A source file read into DuckDB. */
export interface RawSource {
  /** The file's name (no folder), as messages and the rejects table give it. */
  file: string;
  /** Header cells as written, trimmed; `headers[i]` is column `c<i>` of `table`. */
  headers: string[];
  /** The DuckDB table holding the cells. */
  table: string;
  /** SQL giving a row's 1-based data row number in the file, the table being aliased `r`. */
  rowNumberSql: string;
  /** Data rows in `table` (malformed rows not counted). */
  rowCount: number;
  /**
   * Rows of a delimited file that could not be split into the header's fields (wrong number of
   * fields, broken quoting), kept out of `table`: a DuckDB table `(row_number, text, reason)`,
   * what every row should have held, and how many there are (0 and no table for other formats).
   */
  malformed: { table: string; expected: string; count: number } | null;
}

/** What a reader returns; `readSource` adds the counts. */
type ReadResult = Omit<RawSource, "rowCount" | "malformed"> & {
  malformed?: { table: string; expected: string };
};

/** Quotes a SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Finds the file for `name` in `files` (the folder's entries), ignoring case: `name` itself when
 * it has a known extension, else `name.csv`, `.parquet`, `.txt`, `.tsv`, `.xlsx` in that order.
 * Returns the chosen entry and any other candidates, or null when none exists.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(chooseFile(["Providers.XLSX", "providers.csv"], "providers"), { file: "providers.csv", others: ["Providers.XLSX"] });
 * ```
 */
export function chooseFile(
  files: readonly string[],
  name: string,
): { file: string; others: string[] } | null {
  const ext = extname(name).slice(1).toLowerCase();
  const wanted = (EXTENSIONS as readonly string[]).includes(ext)
    ? [name.toLowerCase()]
    : EXTENSIONS.map((e) => `${name}.${e}`.toLowerCase());
  const found = wanted.flatMap((w) => files.filter((f) => f.toLowerCase() === w).sort());
  return found.length === 0 ? null : { file: found[0]!, others: found.slice(1) };
}

/** The names of the files in a folder. */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) if (entry.isFile || entry.isSymlink) files.push(entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new Error(`Cannot load inputs: no folder ${dir}`);
    throw error;
  }
  return files.sort();
}

/** The part of a DuckDB error an analyst needs (its parameter dump and fix list left out). */
function duckdbReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split("\n");
  const end = lines.findIndex((l) => /^(Possible fixes|\s+file = )/.test(l));
  return lines.slice(0, end < 0 ? lines.length : end).map((l) => l.trim()).filter((l) => l !== "").join("; ");
}

const columnNames = (n: number): string[] => Array.from({ length: n }, (_, i) => `c${i}`);

/**
 * Reads a delimited text file into `table`. A row DuckDB cannot split into the header's fields
 * (too many or too few, broken quoting) is left out and listed in `<table>_malformed`; the other
 * rows keep their own row numbers (column `n`).
 */
async function readCsv(db: Db, path: string, file: string, table: string): Promise<ReadResult> {
  const { encoding, delimiter, headers } = await detectCsv(path, file);
  // DuckDB reads UTF-8 and Latin-1; a Windows-1252 file is read through a UTF-8 copy.
  const copy = encoding === "windows-1252" ? await Deno.makeTempFile({ suffix: ".csv" }) : null;
  try {
    if (copy !== null) await windows1252ToUtf8(path, copy);
    const columns = columnNames(headers.length).map((c) => `${sqlString(c)}: 'varchar'`).join(", ");
    await db.con.run(
      `create or replace table csv_rows as select * from read_csv(${
        sqlString(copy ?? path)
      }, auto_detect = false, header = true, ` +
        `delim = ${sqlString(delimiter)}, quote = '"', escape = '"', ` +
        `encoding = ${sqlString(encoding === "latin-1" ? "latin-1" : "utf-8")}, columns = {${columns}}, ` +
        `store_rejects = true, rejects_table = 'csv_errors', rejects_scan = 'csv_scans')`,
    );
  } finally {
    if (copy !== null) await Deno.remove(copy);
  }
  await db.con.run(
    `create or replace table csv_malformed as ${readSql(import.meta.url, "./csv_malformed.sql")}`,
  );
  await db.con.run(`create table ${table} as ${readSql(import.meta.url, "./csv_numbered.sql")}`);
  await db.con.run(`alter table csv_malformed rename to ${table}_malformed`);
  for (const scratch of ["csv_rows", "csv_errors", "csv_scans"]) await db.con.run(`drop table ${scratch}`);
  return {
    file,
    headers,
    table,
    rowNumberSql: "r.n",
    malformed: { table: `${table}_malformed`, expected: `${headers.length} fields, one per header cell` },
  };
}

/** Reads a Parquet file into `table`, dates and timestamps as `YYYY-MM-DD`. */
async function readParquet(
  db: Db,
  path: string,
  file: string,
  table: string,
): Promise<ReadResult> {
  const source = `read_parquet(${sqlString(path)})`;
  const described = await queryRows(db, `describe select * from ${source}`);
  const headers = described.map((d) => String(d.column_name));
  const select = described.map((d, i) => {
    const name = sqlIdentifier(String(d.column_name));
    const text = String(d.column_type).startsWith("TIMESTAMP")
      ? `strftime(${name}, '%Y-%m-%d')`
      : `${name}::varchar`;
    return `${text} as c${i}`;
  });
  await db.con.run(`create table ${table} as select ${select.join(", ")} from ${source}`);
  return { file, headers, table, rowNumberSql: "r.rowid + 1" };
}

/** Reads the first worksheet of an Excel workbook into `table`. */
async function readExcel(
  db: Db,
  path: string,
  file: string,
  table: string,
): Promise<ReadResult> {
  const sheet = await readXlsx(await Deno.readFile(path), file);
  const names = columnNames(sheet.headers.length);
  await db.con.run(`create table ${table} (n integer${names.map((c) => `, ${c} varchar`).join("")})`);
  const appender = await db.con.createAppender(table);
  for (const row of sheet.rows) {
    appender.appendInteger(row.rowNumber);
    for (const cell of row.cells) {
      if (cell === null) appender.appendNull();
      else appender.appendVarchar(cell);
    }
    appender.endRow();
  }
  appender.closeSync();
  return { file, headers: sheet.headers, table, rowNumberSql: "r.n" };
}

/**
 * Reads the file at `path` into a new DuckDB table named `table` (a plain identifier). Errors
 * name the file and say what is wrong with it.
 */
export async function readSource(db: Db, path: string, table: string): Promise<RawSource> {
  const file = basename(path);
  const ext = extname(file).slice(1).toLowerCase();
  let raw: ReadResult;
  try {
    if (ext === "parquet") raw = await readParquet(db, path, file, table);
    else if (ext === "xlsx") raw = await readExcel(db, path, file, table);
    else raw = await readCsv(db, path, file, table);
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`Cannot read ${file}`)) throw error;
    throw new Error(`Cannot read ${file}: ${duckdbReason(error)}`);
  }
  const [{ n }] = await queryRows(db, `select count(*)::integer as n from ${table}`) as [{ n: number }];
  if (!raw.malformed) return { ...raw, rowCount: n, malformed: null };
  const [{ bad }] = await queryRows(db, `select count(*)::integer as bad from ${raw.malformed.table}`) as [
    { bad: number },
  ];
  return { ...raw, rowCount: n, malformed: { ...raw.malformed, count: bad } };
}

/** The distinct texts of source column `index` (null included when present). */
export async function distinctCells(db: Db, raw: RawSource, index: number): Promise<(string | null)[]> {
  const reader = await db.con.runAndReadAll(`select distinct c${index} from ${raw.table}`);
  return reader.getColumns()[0] as (string | null)[] ?? [];
}
