/**
 * Runs the next-month risk model on a `company_month_features` Parquet file and writes its tables
 * as Parquet to a folder:
 *
 *   deno run --allow-ffi=node_modules --allow-read --allow-write models/next_month_risk/run_on_parquet.ts \
 *     --features out/company_month_features.parquet --out out/risk [--c 1] [--origins 6]
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { closeDb, openDb, sqlString, writeParquet } from "../../loaders/lib/duckdb.ts";
import {
  buildNextMonthRisk,
  NEXT_MONTH_RISK_OUTPUTS,
  type NextMonthRiskOptions,
  type NextMonthRiskSummary,
} from "./step.ts";

/** Loads `features` (Parquet) as `company_month_features`, builds the risk tables, writes them to `out`. */
export async function runNextMonthRiskOnParquet(
  features: string,
  out: string,
  options: NextMonthRiskOptions = {},
): Promise<NextMonthRiskSummary> {
  await Deno.mkdir(out, { recursive: true });
  const db = await openDb();
  try {
    await db.con.run(
      `create table company_month_features as select * from read_parquet(${sqlString(features)})`,
    );
    const summary = await buildNextMonthRisk(db, options);
    for (const [table, order] of NEXT_MONTH_RISK_OUTPUTS) {
      await writeParquet(db, `select * from ${table} order by ${order}`, join(out, `${table}.parquet`));
    }
    return summary;
  } finally {
    closeDb(db);
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      features: { type: "string" },
      out: { type: "string" },
      c: { type: "string" },
      origins: { type: "string" },
    },
    strict: true,
  });
  if (!values.features || !values.out) {
    console.error("usage: run_on_parquet.ts --features FILE.parquet --out DIR [--c C] [--origins N]");
    Deno.exit(2);
  }
  const number = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(n > 0)) {
      console.error(`--${name} must be a positive number (got "${v}")`);
      Deno.exit(2);
    }
    return n;
  };
  const summary = await runNextMonthRiskOnParquet(values.features, values.out, {
    C: number("c", values.c),
    origins: number("origins", values.origins),
  });
  console.error(
    `next-month risk for ${summary.predictedMonth}: ${summary.predictions} companies, C ${summary.C}. ${summary.verdict}`,
  );
}
