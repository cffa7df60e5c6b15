/**
 * The build-time recommendations step: for each weak measure (`weak_measures`) and each company the
 * next-month model puts at or above the high-risk threshold (`company_risk_predictions`), build the
 * structured context, ask the client (through the answer cache), and write the table
 * `recommendations` (grain: one row per subject type and subject id). A missing input table is skipped,
 * so the step runs before those marts exist.
 */
import { type Db, queryRows } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { cacheKey, readCached, writeCached } from "./cache.ts";
import { fillPrompt, type GenAiClient, PROMPTS, readPrompt } from "./client.ts";
import { companyContext, type CompanyRiskRow, weakMeasureContext, type WeakMeasureRow } from "./contexts.ts";
import type { Intervention } from "./library.ts";
import { type Answer, checkReply, type Context } from "./schema.ts";

/** Options of {@linkcode buildRecommendations}. */
export interface RecommendationOptions {
  client: GenAiClient;
  library: readonly Intervention[];
  /** The data's as-of date (`YYYY-MM-DD`), written as `generated_date`. */
  asOf: string;
  /** The answer cache folder (model answers only); no cache when absent. */
  cacheDir?: string;
  /** Probability at or above which a company is high-risk (default 0.5). */
  highRiskProbability?: number;
}

/** What the step did. */
export interface RecommendationReport {
  rows: number;
  /** Calls the client answered (cache misses). */
  calls: number;
  cached: number;
  fallbacks: number;
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    `select count(*) as n from information_schema.tables where table_name = '${name.replaceAll("'", "''")}'`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** A `weak_measures` row checked: keys are non-empty texts, `members_needed` a number, other figures numbers or null. */
export function weakMeasureRow(row: Record<string, unknown>, n: number): WeakMeasureRow {
  const where = `Cannot build recommendations: weak_measures row ${n}`;
  for (const column of ["contract_id", "measure_key", "measure_name"]) {
    if (typeof row[column] !== "string" || row[column] === "") {
      throw new Error(
        `${where}: "${column}" must be a non-empty text (${JSON.stringify(row[column] ?? null)})`,
      );
    }
  }
  const figure = (column: string, required: boolean): number | null => {
    const value = row[column];
    if (value === null || value === undefined) {
      if (!required) return null;
    } else if (typeof value === "number" && Number.isFinite(value)) return value;
    throw new Error(`${where}: "${column}" must be a number (${JSON.stringify(value ?? null)})`);
  };
  return {
    contract_id: row.contract_id as string,
    measure_key: row.measure_key as string,
    measure_name: row.measure_name as string,
    weight: figure("weight", false),
    members_needed: figure("members_needed", true)!,
    overall_star_effect: figure("overall_star_effect", false),
    dollar_effect: figure("dollar_effect", false),
  };
}

function driversOf(row: Record<string, unknown>): CompanyRiskRow["drivers"] {
  const drivers: { feature: string; log_odds: number }[] = [];
  for (let j = 1; typeof row[`driver_${j}`] === "string"; j++) {
    drivers.push({
      feature: row[`driver_${j}`] as string,
      log_odds: Number(row[`driver_${j}_log_odds`] ?? 0),
    });
  }
  return drivers.slice(0, 3);
}

/** The contexts of every weak measure and high-risk company in `db`. */
export async function recommendationContexts(db: Db, options: RecommendationOptions): Promise<Context[]> {
  const contexts: Context[] = [];
  if (await tableExists(db, "weak_measures")) {
    // Names from the measure catalogue when it is there; else the key stands for the name.
    const names = new Map<string, string>();
    if (await tableExists(db, "stars_catalogue_2026")) {
      for (const r of await queryRows(db, readSql(import.meta.url, "./measure_names.sql"))) {
        names.set(String(r.measure_key), String(r.measure_name));
      }
    }
    const rows = await queryRows(db, readSql(import.meta.url, "./weak_measures.sql"));
    rows.forEach((row, i) => {
      const named = { ...row, measure_name: names.get(String(row.measure_key)) ?? row.measure_key };
      contexts.push(weakMeasureContext(weakMeasureRow(named, i + 1), options.library, options.asOf));
    });
  }
  if (await tableExists(db, "company_risk_predictions")) {
    const reader = await db.con.runAndReadAll(readSql(import.meta.url, "./high_risk_companies.sql"), {
      threshold: options.highRiskProbability ?? 0.5,
    });
    for (const row of reader.getRowObjectsJS() as Record<string, unknown>[]) {
      contexts.push(companyContext(
        {
          company_id: String(row.company_id),
          year_month: String(row.year_month),
          probability: Number(row.probability),
          risk_rank: Number(row.risk_rank),
          drivers: driversOf(row),
        },
        options.library,
        options.asOf,
      ));
    }
  }
  return contexts;
}

/** Builds and writes the `recommendations` table; returns counts. */
export async function buildRecommendations(
  db: Db,
  options: RecommendationOptions,
): Promise<RecommendationReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
    throw new Error(`Cannot build recommendations: asOf must be a YYYY-MM-DD date ("${options.asOf}")`);
  }
  const { client } = options;
  const template = readPrompt(PROMPTS.recommend);
  const report: RecommendationReport = { rows: 0, calls: 0, cached: 0, fallbacks: 0 };
  await db.con.run(readSql(import.meta.url, "./recommendations_table.sql"));
  for (const context of await recommendationContexts(db, options)) {
    const key = await cacheKey(fillPrompt(template, context), context, client.model);
    let answer: Answer | undefined;
    if (options.cacheDir && client.model !== "rules") answer = await readCached(options.cacheDir, key);
    // A cached answer passes the same check as a fresh reply; an edited or stale file is a miss.
    if (answer && !checkReply(JSON.stringify(answer), context, client.model).ok) answer = undefined;
    if (answer) {
      report.cached++;
    } else {
      answer = await client.recommend(context);
      report.calls++;
      if (answer.note) report.fallbacks++;
      else if (options.cacheDir && client.model !== "rules") await writeCached(options.cacheDir, key, answer);
    }
    await db.con.run("insert into recommendations values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10)", [
      context.subject_type,
      context.subject_id,
      JSON.stringify(answer.actions),
      answer.rationale,
      answer.expected_effect,
      JSON.stringify(answer.figures_used.map((name) => ({ name, value: context.figures[name] ?? null }))),
      answer.source,
      answer.note ?? null,
      context.as_of,
      key,
    ]);
    report.rows++;
  }
  return report;
}
