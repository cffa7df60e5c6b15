/**
 * Validates one contract table's source rows in DuckDB, set-wise, so a million claim lines take
 * seconds rather than minutes of per-cell calls into JavaScript:
 *
 * 1. each contract column's outcome per *distinct* source text is worked out once by
 *    {@linkcode cellOutcome} into a lookup table (plain text columns are trimmed in SQL, exactly
 *    as `cleanText` does), and joined back to the rows: `input_parsed`, one row per source row;
 * 2. problems go to `input_problems`: cell problems, then the row rules (rendered from their
 *    one definition, `row_rules.ts`), then duplicates of the table's key (the first row with a
 *    key keeps it; words from `duplicate_key.ts`);
 * 3. the problems become `rejects` rows, the other rows go to `input_stage` with their source
 *    row numbers, from where the caller checks references and fills the contract table.
 */
import type { ColumnType, TableSpec } from "../contract/schema.ts";
import { type Db, queryRows, sqlString } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { cleanText, cleanTextSql } from "./parse_values.ts";
import { columnLabel, type TablePlan } from "./plan.ts";
import { missingValue } from "./providers.ts";
import { distinctCells, type RawSource, sqlIdentifier } from "./read_source.ts";
import type { Reject } from "./rejects.ts";
import { cellOutcome, type DeriveContext, valueText } from "./validate.ts";
import { duplicateKeyText, KEY_SEPARATOR } from "../../src/lib/input/duplicate_key.ts";
import { rowRulesSql } from "../../src/lib/input/row_rule_sql.ts";

/** The outcome of validating one table. */
export interface TableLoad {
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** The first few rejects, for error messages. */
  firstRejects: Reject[];
}

/** The staging table of valid rows, and its column holding the source row number. */
export const STAGE = "input_stage";
export const ROW_NUMBER = "input_row_number";

/** SQL expressions for one contract column of `input_parsed`. */
interface ColumnSql {
  value: string;
  reason: string;
  expected: string;
  /** The trimmed source text, for the rejects table. */
  text: string;
}

const literal = (text: string | null, type: ColumnType = "varchar"): string =>
  text === null ? `null::${type}` : `cast(${sqlString(text)} as ${type})`;

/** Builds the lookup table of a column's outcomes by distinct source text; returns its SQL. */
async function lookupColumn(
  db: Db,
  plan: TablePlan,
  i: number,
  raw: RawSource,
  context: DeriveContext,
  joins: string[],
): Promise<ColumnSql> {
  const col = plan.spec.columns[i]!;
  const source = plan.columns[i]!;
  if (source.kind !== "column" && source.kind !== "birth_date_from_age") {
    const outcome = cellOutcome(plan.spec, col, source, null, context);
    return {
      value: literal(valueText(outcome.value), col.type),
      reason: literal(outcome.problem?.reason ?? null),
      expected: literal(outcome.problem?.expected ?? null),
      text: "null::varchar",
    };
  }
  const cell = `r.c${source.index}`;
  if (source.kind === "column" && col.type === "varchar" && !col.allowed && !source.map && !source.boolean) {
    // Plain text: trimmed in SQL; no per-value work in JavaScript for ids and labels.
    const clean = cleanTextSql(cell);
    const fill = missingValue(plan.spec.name, col.name) as string | null;
    const missing = col.required && fill === null;
    return {
      value: fill === null ? clean : `coalesce(${clean}, ${sqlString(fill)})`,
      reason: missing ? `case when ${clean} is null then 'missing required value' end` : "null::varchar",
      expected: missing
        ? `case when ${clean} is null then ${sqlString(`a value for ${col.name}`)} end`
        : "null::varchar",
      text: clean,
    };
  }
  const table = `input_lookup_${i}`;
  await db.con.run(
    `create or replace table ${table} (raw varchar, value varchar, reason varchar, expected varchar, text varchar)`,
  );
  const appender = await db.con.createAppender(table);
  const put = (v: string | null) => v === null ? appender.appendNull() : appender.appendVarchar(v);
  for (const text of await distinctCells(db, raw, source.index)) {
    const outcome = cellOutcome(plan.spec, col, source, text, context);
    put(text);
    put(valueText(outcome.value));
    put(outcome.problem?.reason ?? null);
    put(outcome.problem?.expected ?? null);
    put(cleanText(text));
    appender.endRow();
  }
  appender.closeSync();
  const alias = `l${i}`;
  joins.push(`left join ${table} as ${alias} on ${alias}.raw is not distinct from ${cell}`);
  return {
    value: `cast(${alias}.value as ${col.type})`,
    reason: `${alias}.reason`,
    expected: `${alias}.expected`,
    text: `${alias}.text`,
  };
}

/** Creates `input_parsed`: the row number, then per contract column its value, problem and source text. */
async function parseRows(
  db: Db,
  plan: TablePlan,
  raw: RawSource,
  context: DeriveContext,
): Promise<ColumnSql[]> {
  const joins: string[] = [];
  const columns: ColumnSql[] = [];
  for (let i = 0; i < plan.spec.columns.length; i++) {
    columns.push(await lookupColumn(db, plan, i, raw, context, joins));
  }
  const select = plan.spec.columns.flatMap((col, i) => {
    const c = columns[i]!;
    const name = (suffix: string) => sqlIdentifier(col.name + suffix);
    return [
      `${c.value} as ${name("")}`,
      `${c.reason} as ${name("__reason")}`,
      `${c.expected} as ${name("__expected")}`,
      `${c.text} as ${name("__text")}`,
    ];
  });
  await db.con.run(
    `create or replace table input_parsed as select (${raw.rowNumberSql})::integer as n, ${
      select.join(", ")
    } ` +
      `from ${raw.table} as r ${joins.join(" ")}`,
  );
  return columns;
}

/** Records cell problems (a source cell read into two columns is reported once). */
async function cellProblems(db: Db, plan: TablePlan, columns: readonly ColumnSql[]): Promise<void> {
  const parts = plan.spec.columns.flatMap((col, i) => {
    if (columns[i]!.reason === "null::varchar") return [];
    const name = (suffix: string) => sqlIdentifier(col.name + suffix);
    return [
      `select n, ${i} as ord, ${sqlString(columnLabel(plan, col.name))} as column_name, ${
        name("__text")
      } as value, ` +
      `${name("__reason")} as reason, ${name("__expected")} as expected from input_parsed ` +
      `where ${name("__reason")} is not null`,
    ];
  });
  if (parts.length === 0) return;
  await db.con.run(
    `insert into input_problems select * from (${parts.join(" union all ")}) ` +
      `qualify row_number() over (partition by n, column_name, reason order by ord) = 1`,
  );
}

/** Records the problems of rows, valid otherwise, with the table's row rules (`row_rules.ts`). */
async function ruleProblems(db: Db, plan: TablePlan): Promise<void> {
  const sql = rowRulesSql(plan.spec, (column) => columnLabel(plan, column));
  if (sql !== null) await db.con.run(sql);
}

/** Records duplicates of the table's key: every row after the first with the same key values. */
async function duplicateProblems(db: Db, plan: TablePlan): Promise<void> {
  const key = plan.spec.key.map((k) => sqlIdentifier(k));
  const parsedKey = plan.spec.key.map((k) => `${sqlIdentifier(k + "__reason")} is null`).join(" and ");
  const keyText = `concat_ws(${sqlString(KEY_SEPARATOR)}, ${key.map((k) => `${k}::varchar`).join(", ")})`;
  const labels = plan.spec.key.map((k) => columnLabel(plan, k)).join(KEY_SEPARATOR);
  const words = duplicateKeyText(plan.spec.key, "row");
  await db.con.run(
    `insert into input_problems select n, 2000, ${sqlString(labels)}, ${keyText}, ${
      sqlString(words.reason)
    }, ` +
      `${sqlString(words.expectedBefore)} || first_n from (` +
      `select n, ${key.join(", ")}, min(n) over (partition by ${key.join(", ")}) as first_n ` +
      `from input_parsed where ${parsedKey}) where n > first_n`,
  );
}

/**
 * Rows the reader could not split into the header's fields become problems of the whole row
 * (column "(whole row)", value = the row's text): they are rejected, the other rows load.
 */
async function malformedProblems(db: Db, raw: RawSource): Promise<void> {
  if (!raw.malformed || raw.malformed.count === 0) return;
  await db.con.run(
    `insert into input_problems select row_number, 0, '(whole row)', text, reason, ${
      sqlString(raw.malformed.expected)
    } from ${raw.malformed.table}`,
  );
}

/**
 * Validates every row of `raw` by `plan`: problems go to `rejects`, valid rows to
 * {@linkcode STAGE} (contract columns plus {@linkcode ROW_NUMBER}), replacing any earlier stage.
 */
export async function stageTable(
  db: Db,
  plan: TablePlan,
  raw: RawSource,
  context: DeriveContext,
): Promise<TableLoad> {
  const columns = await parseRows(db, plan, raw, context);
  await db.con.run(readSql(import.meta.url, "./input_problems.sql"));
  await cellProblems(db, plan, columns);
  await ruleProblems(db, plan);
  await duplicateProblems(db, plan);
  await malformedProblems(db, raw);
  await db.con.run(readSql(import.meta.url, "./rejects_from_problems.sql"), {
    table_name: plan.spec.name,
    file: plan.file,
  });
  const contractColumns = plan.spec.columns.map((c) => sqlIdentifier(c.name)).join(", ");
  await db.con.run(
    `create or replace table ${STAGE} as select n as ${ROW_NUMBER}, ${contractColumns} from input_parsed as p ` +
      `where not exists (select 1 from input_problems as q where q.n = p.n)`,
  );
  const [summary] = await queryRows(db, readSql(import.meta.url, "./problem_summary.sql"));
  const first = await queryRows(db, readSql(import.meta.url, "./first_problems.sql"));
  for (let i = 0; i < plan.spec.columns.length; i++) {
    await db.con.run(`drop table if exists input_lookup_${i}`);
  }
  await db.con.run("drop table input_parsed");
  await db.con.run("drop table input_problems");
  const rowsRead = (summary!.rows_read as number) + (raw.malformed?.count ?? 0);
  const rowsRejected = summary!.rows_rejected as number;
  return {
    rowsRead,
    rowsLoaded: rowsRead - rowsRejected,
    rowsRejected,
    firstRejects: first.map((r) => ({
      table_name: plan.spec.name,
      file: plan.file,
      row_number: r.row_number as number,
      column_name: r.column_name as string,
      value: r.value as string | null,
      reason: r.reason as string,
      expected: r.expected as string,
    })),
  };
}

/** Moves staged rows into the contract table `spec.name`, in source order. */
export async function insertStaged(db: Db, spec: TableSpec): Promise<void> {
  const columns = spec.columns.map((c) => sqlIdentifier(c.name)).join(", ");
  await db.con.run(
    `insert into ${sqlIdentifier(spec.name)} select ${columns} from ${STAGE} order by ${ROW_NUMBER}`,
  );
}
