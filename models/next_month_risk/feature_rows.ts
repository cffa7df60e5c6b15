import type { Db } from "../../loaders/lib/duckdb.ts";
import { queryRows } from "../../loaders/lib/duckdb.ts";
import { readSql } from "../../loaders/lib/sql_file.ts";
import { isYearMonth } from "./year_month.ts";

/** One company-month of `company_month_features`, as the model sees it. */
export interface FeatureRow {
  companyId: string;
  /** The month whose data the features summarise (`YYYY-MM`). */
  yearMonth: string;
  memberMonths: number;
  /** Feature values in the order of {@linkcode FeatureTable.features}; null when any is missing. */
  x: number[] | null;
  /** 1 when the company is High risk this month. */
  highRiskNow: 0 | 1;
  /** 1 when the company is High risk the next month; null when that month is not known yet. */
  highRiskNext: 0 | 1 | null;
}

/** The feature table: feature names and rows ordered by company and month. */
export interface FeatureTable {
  features: string[];
  rows: FeatureRow[];
}

/** Columns of the table that are keys, exposure or labels rather than features. */
export const NON_FEATURE_COLUMNS = [
  "company_id",
  "year_month",
  "member_months",
  "high_risk_now",
  "high_risk_next",
];

const NUMERIC =
  /^(DOUBLE|FLOAT|REAL|DECIMAL.*|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;

/** Options for {@linkcode readFeatureRows}. */
export interface ReadFeatureOptions {
  /** Source table (default `company_month_features`). */
  table?: string;
  /**
   * Feature columns; by default every numeric column that is not a key, exposure or label, plus
   * `high_risk_now` when `includeCurrentBand` is on.
   */
  features?: readonly string[];
  /** Use this month's band (`high_risk_now`) as a feature (default true). */
  includeCurrentBand?: boolean;
}

/**
 * Reads and validates the company × month feature table: the grain (one row per company and
 * month), `YYYY-MM` months, 0/1 labels and finite feature values. Missing (null) feature values
 * leave the row's `x` null; non-finite ones are an error naming the row, column and value.
 */
export async function readFeatureRows(db: Db, options: ReadFeatureOptions = {}): Promise<FeatureTable> {
  const table = options.table ?? "company_month_features";
  if (!/^\w+$/.test(table)) {
    throw new Error(`Cannot read features: invalid table name ${JSON.stringify(table)}`);
  }
  const columns = await queryRows(
    db,
    readSql(import.meta.url, "./feature_columns.sql").replace("$table", table),
  );
  if (columns.length === 0) {
    throw new Error(`Cannot read features: table ${table} does not exist or has no columns`);
  }
  const types = new Map(columns.map((c) => [String(c.column_name), String(c.data_type)]));
  for (const name of NON_FEATURE_COLUMNS) {
    if (!types.has(name)) throw new Error(`Cannot read features: ${table} has no column "${name}"`);
  }
  const features = options.features ? [...options.features] : [
    ...[...types].filter(([n, t]) => !NON_FEATURE_COLUMNS.includes(n) && NUMERIC.test(t)).map(([n]) => n),
    ...(options.includeCurrentBand ?? true ? ["high_risk_now"] : []),
  ];
  for (const f of features) {
    const t = types.get(f);
    if (t === undefined) throw new Error(`Cannot read features: ${table} has no feature column "${f}"`);
    if (!NUMERIC.test(t)) throw new Error(`Cannot read features: ${table}."${f}" is ${t}, expected a number`);
  }
  if (features.length === 0) throw new Error(`Cannot read features: ${table} has no numeric feature column`);
  const select = ["company_id", "year_month", "member_months", "high_risk_now", "high_risk_next", ...features]
    .map((c, i) => `"${c}"::${i < 2 ? "varchar" : "double"} as c${i}`).join(", ");
  const raw = await queryRows(db, `select ${select} from ${table} order by c0, c1`);
  const rows: FeatureRow[] = [];
  const where = (i: number) =>
    `${table} row company_id ${JSON.stringify(raw[i]!.c0)}, year_month ${JSON.stringify(raw[i]!.c1)}`;
  raw.forEach((r, i) => {
    const companyId = r.c0 as string | null, yearMonth = r.c1 as string | null;
    if (companyId === null) {
      throw new Error(`Cannot read features: ${table} has a row with a null company_id`);
    }
    if (yearMonth === null || !isYearMonth(yearMonth)) {
      throw new Error(
        `Cannot read features: ${where(i)}: "year_month" is not YYYY-MM (${JSON.stringify(yearMonth)})`,
      );
    }
    const prev = rows[rows.length - 1];
    if (prev && prev.companyId === companyId && prev.yearMonth === yearMonth) {
      throw new Error(
        `Cannot read features: ${where(i)} appears twice; the grain is one row per company and month`,
      );
    }
    const band = (name: string, v: unknown, nullable: boolean): 0 | 1 | null => {
      if (v === null && nullable) return null;
      if (v !== 0 && v !== 1) {
        throw new Error(`Cannot read features: ${where(i)}: "${name}" is ${v}, expected 0 or 1`);
      }
      return v;
    };
    const x: number[] = [];
    let missing = false;
    features.forEach((f, j) => {
      const v = r[`c${j + 5}`] as number | null;
      if (v === null) missing = true;
      else if (!Number.isFinite(v)) {
        throw new Error(`Cannot read features: ${where(i)}: "${f}" is not finite (${v})`);
      } else x.push(v);
    });
    rows.push({
      companyId,
      yearMonth,
      memberMonths: Number(r.c2 ?? 0),
      x: missing ? null : x,
      highRiskNow: band("high_risk_now", r.c3, false)!,
      highRiskNext: band("high_risk_next", r.c4, true),
    });
  });
  return { features, rows };
}
