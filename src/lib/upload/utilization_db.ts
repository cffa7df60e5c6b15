/**
 * Company-month KPIs, IVI and risk bands of an upload, computed exactly as the build computes them: the
 * contract tables are created from the one contract definition, filled from the upload's CSV text, and the
 * build's own SQL files (member-months, ER visits, company-month counts) run on them unchanged; the counts
 * are scored by the build's `scoreCompanyMonths`. The SQL engine is injected: DuckDB-WASM in the page,
 * DuckDB's native engine in tests.
 */
import { createTableSql, INPUT_TABLES, MEDICAL_CLAIMS, PROVIDERS } from "../input/schema.js";
import { type CountsRow, type KpiRow, scoreCompanyMonths } from "../utilization/score.js";
import type { TableCsv, UploadTables } from "./table_bytes.js";
import { sqlString } from "../sql_string.js";

/**
 * A SQL engine: run a statement and get rows as plain objects; make CSV (text, or its UTF-8 bytes as the
 * upload worker hands them over) readable by `read_csv` under a name.
 */
export interface SqlEngine {
  query(sql: string): Promise<Record<string, unknown>[]>;
  registerText(name: string, text: TableCsv): Promise<void>;
}

/** The build's SQL texts the computation runs (from `loaders/core` and `loaders/utilization`). */
export interface UtilizationSql {
  member_months: string;
  company_er_visits: string;
  company_month_counts: string;
}

/** What the computation gives: the KPI rows and the references flagged (rows kept, as in the build). */
export interface UtilizationResult {
  kpis: KpiRow[];
  /** Claims whose member_id is not in the uploaded members. */
  unknownMembers: number;
  /** Claims whose provider_id is not in the uploaded providers (0 without providers). */
  unknownProviders: number;
}

/** The ED classification table's columns (the reference CSV's header). */
const ED_COLUMNS = ["icd10", "edcnnpa", "edcnpa", "epct", "noner", "injury", "psych", "alcohol", "drug"];

/** `read_csv` of contract-typed CSV text: no type guessing, the contract's types. */
function readCsvSql(file: string, columns: ReadonlyArray<readonly [string, string]>): string {
  const types = columns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(", ");
  return `select * from read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', ` +
    `quote = '"', escape = '"', columns = {${types}})`;
}

/**
 * Loads the upload's contract tables into `engine` and computes the company-month KPIs with the build's
 * SQL and scoring. `edClassificationCsv` (the NYU/Johnston table) is needed only when claims carry
 * diagnoses; without it no visit is classified, as in the build when no diagnosis matches.
 */
export async function computeUtilization(
  engine: SqlEngine,
  upload: { tables: UploadTables },
  sql: UtilizationSql,
  options: { edClassificationCsv?: string } = {},
): Promise<UtilizationResult> {
  for (const spec of INPUT_TABLES) {
    await engine.query(`drop table if exists ${spec.name}`);
    await engine.query(createTableSql(spec));
    const table = upload.tables[spec.name];
    if (!table || table.rows === 0) continue;
    const file = `upload_${spec.name}.csv`;
    await engine.registerText(file, table.csv);
    await engine.query(
      `insert into ${spec.name} ${readCsvSql(file, spec.columns.map((c) => [c.name, c.type] as const))}`,
    );
  }
  await engine.query("create or replace table member_conditions (member_id varchar, condition varchar)");
  await engine.query(
    `create or replace table ed_classification (icd10 varchar, ${
      ED_COLUMNS.slice(1).map((c) => `${c} double`).join(", ")
    })`,
  );
  if (options.edClassificationCsv) {
    await engine.registerText("upload_ed_classification.csv", options.edClassificationCsv);
    await engine.query(
      `insert into ed_classification ${
        readCsvSql(
          "upload_ed_classification.csv",
          ED_COLUMNS.map((c, i) => [c, i === 0 ? "varchar" : "double"] as const),
        )
      }`,
    );
  }
  await engine.query(`create or replace table member_months as ${sql.member_months}`);
  await engine.query(`create or replace table company_er_visits as ${sql.company_er_visits}`);
  const counts = (await engine.query(sql.company_month_counts)).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))
  ) as unknown as CountsRow[];
  const [flags] = await engine.query(
    `select (select count(*) from ${MEDICAL_CLAIMS.name} c where not exists ` +
      `(select 1 from members m where m.member_id = c.member_id))::integer as unknown_members, ` +
      `(select count(*) from ${MEDICAL_CLAIMS.name} c where c.provider_id is not null ` +
      `and exists (select 1 from ${PROVIDERS.name}) and not exists ` +
      `(select 1 from ${PROVIDERS.name} p where p.provider_id = c.provider_id))::integer as unknown_providers`,
  );
  return {
    kpis: scoreCompanyMonths(counts),
    unknownMembers: Number(flags?.unknown_members ?? 0),
    unknownProviders: Number(flags?.unknown_providers ?? 0),
  };
}
