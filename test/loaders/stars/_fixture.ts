/** A hand-built payer in DuckDB for the star-measure tests: contract tables from row objects. */
import { createTableSql, INPUT_TABLES } from "../../../loaders/contract/schema.ts";
import { type Db, openDb, sqlString } from "../../../loaders/lib/duckdb.ts";
import { buildStarMeasures, DEFAULT_FILES } from "../../../loaders/stars/member_measures.ts";

export type Row = Record<string, string | number | boolean | null>;

const literal = (v: string | number | boolean | null): string =>
  v === null ? "null" : typeof v === "string" ? sqlString(v) : String(v);

/** Creates every contract table and inserts the given rows (missing columns are null). */
export async function fixtureDb(tables: Record<string, Row[]>): Promise<Db> {
  const db = await openDb();
  for (const spec of INPUT_TABLES) {
    await db.con.run(createTableSql(spec));
    for (const row of tables[spec.name] ?? []) {
      const names = Object.keys(row);
      const values = names.map((n) => {
        const type = spec.columns.find((c) => c.name === n)?.type;
        if (!type) throw new Error(`fixture: ${spec.name} has no column ${n}`);
        return `${literal(row[n]!)}::${type}`;
      });
      await db.con.run(`insert into ${spec.name} (${names.join(", ")}) values (${values.join(", ")})`);
    }
  }
  return db;
}

/** The fixture scenario file (two measures for H0001, one for a contract not in the data). */
export const FIXTURE_SCENARIO = new URL("../../input/stars/scenario.csv", import.meta.url).pathname;

/** Builds the star-measure tables on a fixture payer. */
export async function measuredDb(tables: Record<string, Row[]>): Promise<Db> {
  const db = await fixtureDb(tables);
  await buildStarMeasures(db, { ...DEFAULT_FILES, scenario: FIXTURE_SCENARIO });
  return db;
}
