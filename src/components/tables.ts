// The one way a Lodestar page gets SQL-ready tables from data files.
//
//   const sql = await sqlTables({kpis: FileAttachment("data/lodestar/company_month_kpis.parquet")});
//
// Naming the result `sql` makes the page's ```sql``` cells and sql`…` template queries run
// against these tables, after they are loaded. DuckDB-WASM has no Parquet extension offline, so
// Parquet is decoded by parquet-wasm into Arrow and inserted into DuckDB from there.
// deno-lint-ignore no-import-prefix no-unversioned-import -- a Framework module, served by Framework
import { DuckDBClient } from "npm:@observablehq/duckdb";

/** The parts of Framework's FileAttachment this module uses. */
export interface DataFile {
  name: string;
  parquet(): Promise<unknown>;
  arrow(): Promise<unknown>;
}

/** Reads a data file into an Arrow table, by its extension. */
export function arrowTable(file: DataFile): Promise<unknown> {
  if (/\.parquet$/i.test(file.name)) return file.parquet();
  if (/\.arrow$/i.test(file.name)) return file.arrow();
  throw new Error(`Cannot load ${file.name} as a table: expected a .parquet or .arrow file`);
}

/** A `sql` tagged template over an in-browser DuckDB holding the given files as tables. */
export async function sqlTables(
  files: Record<string, DataFile>,
): Promise<(strings: TemplateStringsArray, ...params: unknown[]) => Promise<unknown>> {
  const entries = await Promise.all(
    Object.entries(files).map(async ([name, file]) => [name, await arrowTable(file)] as const),
  );
  // sum() over integers yields HUGEINT, which reaches Arrow as a 128-bit decimal that pages would
  // print as word arrays; cast decimals to doubles as Framework already does for BIGINT.
  return DuckDBClient.sql(Object.fromEntries(entries), { query: { castDecimalToDouble: true } });
}
