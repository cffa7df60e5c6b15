/**
 * The national context of the Star Ratings pages, from the bundled CMS 2026 Data Tables run through the engine:
 * - `stars_national_2026`: one row per rated contract type's contract, with the engine's Part C, Part D and
 *   overall ratings, weighted means and reward factors, and CMS's published ratings beside them;
 * - `stars_cut_points_2026`: one row per measure and pool (`all` for Part C, `MA-PD`, `PDP`) with the 2★…5★
 *   thresholds;
 * - `stars_catalogue_2026`: the 2026 measure catalogue, so that pages build the engine's catalogue from it;
 * - `stars_interventions`: the What-If intervention library (`data/reference/stars/interventions.csv`).
 */
import { join } from "node:path";
import { contractsFromCms } from "../../src/lib/stars/cms_contracts.ts";
import { contractKind } from "../../src/lib/stars/cms_tables.ts";
import { parseContractInfo } from "../../src/lib/stars/contract_info.ts";
import { parseCsv } from "../../src/lib/stars/csv.ts";
import { rulesFor } from "../../src/lib/stars/rules.ts";
import { interventionsFromRows } from "../../src/lib/stars/scenario.ts";
import { rateContract } from "../../src/lib/stars/summary.ts";
import { createAndAppend } from "../lib/append.ts";
import { type Db, queryRows, sqlString } from "../lib/duckdb.ts";
import { findTable, readCmsStarFiles } from "./cms_files.ts";
import { readCatalogue, STARS_REFERENCE_DIR } from "./reference.ts";

/** The folder of CMS's 2026 Data Tables. */
export const CMS_2026_DIR = join(STARS_REFERENCE_DIR, "../cms-2026");

/** Reads "Parent Organization" by contract from CMS's Measure Data table (the column Measure Stars lacks). */
export function parentOrganizations(text: string, file: string): Map<string, string> {
  const rows = parseCsv(text);
  const headerAt = rows.findIndex((r) => (r[0] ?? "").trim() === "CONTRACT_ID");
  const column = (rows[headerAt] ?? []).findIndex((c) => c.trim() === "Parent Organization");
  if (headerAt < 0 || column < 0) throw new Error(`Cannot read ${file}: no "Parent Organization" column`);
  const out = new Map<string, string>();
  for (const row of rows.slice(headerAt + 1)) {
    const id = (row[0] ?? "").trim();
    if (/^[A-Z]\d{4}$/.test(id)) out.set(id, (row[column] ?? "").trim());
  }
  return out;
}

interface NationalRow {
  contract_id: string;
  contract_name: string;
  parent_organization: string | null;
  organization_type: string;
  contract_kind: string;
  part_c_summary: number | null;
  part_d_summary: number | null;
  overall: number | null;
  highest_rating: string | null;
  highest_stars: number | null;
  part_c_mean: number | null;
  part_d_mean: number | null;
  overall_mean: number | null;
  part_c_reward_factor: number | null;
  part_d_reward_factor: number | null;
  overall_reward_factor: number | null;
  published_part_c: number | null;
  published_part_d: number | null;
  published_overall: number | null;
}

const NATIONAL_COLUMNS = [
  ["contract_id", "varchar"],
  ["contract_name", "varchar"],
  ["parent_organization", "varchar"],
  ["organization_type", "varchar"],
  ["contract_kind", "varchar"],
  ["part_c_summary", "double"],
  ["part_d_summary", "double"],
  ["overall", "double"],
  ["highest_rating", "varchar"],
  ["highest_stars", "double"],
  ["part_c_mean", "double"],
  ["part_d_mean", "double"],
  ["overall_mean", "double"],
  ["part_c_reward_factor", "double"],
  ["part_d_reward_factor", "double"],
  ["overall_reward_factor", "double"],
  ["published_part_c", "double"],
  ["published_part_d", "double"],
  ["published_overall", "double"],
] as const;

/** Builds the four tables from `cmsDir` (CMS's 2026 Data Tables) and the reference folder. */
export async function buildNationalStars(db: Db, cmsDir = CMS_2026_DIR): Promise<void> {
  const catalogue = await readCatalogue(2026);
  const rules = rulesFor(2026);
  const files = await readCmsStarFiles(cmsDir, 2026);
  const summaryPath = join(STARS_REFERENCE_DIR, "cms_2026_summary_ratings.csv");
  const info = parseContractInfo(await Deno.readTextFile(summaryPath), summaryPath);
  const published = new Map(
    parseCsv(await Deno.readTextFile(summaryPath)).slice(1).map((r) => [r[0]!.trim(), r] as const),
  );
  const names: string[] = [];
  for await (const e of Deno.readDir(cmsDir)) names.push(e.name);
  const dataFile = findTable(names, 2026, "measure data");
  const parents = dataFile
    ? parentOrganizations(await Deno.readTextFile(join(cmsDir, dataFile)), dataFile)
    : new Map();
  const byId = new Map(files.measureStars.contracts.map((c) => [c.contractId, c]));
  const star = (cell: string | undefined) => cell && cell.trim() !== "" ? Number(cell) : null;
  const rows: NationalRow[] = contractsFromCms(files.measureStars, files.cai, catalogue, info).map((c) => {
    const r = rateContract(c.stars, c.profile, catalogue, rules);
    const cms = byId.get(c.profile.contractId)!;
    const pub = published.get(c.profile.contractId);
    return {
      contract_id: c.profile.contractId,
      contract_name: cms.contractName,
      parent_organization: parents.get(c.profile.contractId) || null,
      organization_type: cms.organizationType,
      contract_kind: contractKind(cms.organizationType)!,
      part_c_summary: r.part_c.stars,
      part_d_summary: r.part_d.stars,
      overall: r.overall.stars,
      highest_rating: r.highest,
      highest_stars: r.highest ? r[r.highest].stars : null,
      part_c_mean: r.part_c.mean ?? null,
      part_d_mean: r.part_d.mean ?? null,
      overall_mean: r.overall.mean ?? null,
      part_c_reward_factor: r.part_c.rewardFactor ?? null,
      part_d_reward_factor: r.part_d.rewardFactor ?? null,
      overall_reward_factor: r.overall.rewardFactor ?? null,
      published_part_c: star(pub?.[4]),
      published_part_d: star(pub?.[5]),
      published_overall: star(pub?.[6]),
    };
  });
  await createAndAppend(db, "stars_national_2026", NATIONAL_COLUMNS, rows);

  if (!files.cutPoints) throw new Error(`${cmsDir} has no 2026 Part C/D cut point tables`);
  const cuts = [];
  for (const m of catalogue.measures) {
    for (const pool of m.part === "C" ? ["all"] : ["MA-PD", "PDP"]) {
      const cut = files.cutPoints.get(pool)?.get(m.cmsId);
      if (!cut) continue;
      const [t2, t3, t4, t5] = cut.thresholds;
      cuts.push({
        measure_key: m.key,
        cms_id: m.cmsId,
        measure_name: m.name,
        part: m.part,
        pool,
        direction: cut.direction,
        precision: m.precision,
        weight: m.weight,
        t2,
        t3,
        t4,
        t5,
      });
    }
  }
  await createAndAppend(db, "stars_cut_points_2026", [
    ["measure_key", "varchar"],
    ["cms_id", "varchar"],
    ["measure_name", "varchar"],
    ["part", "varchar"],
    ["pool", "varchar"],
    ["direction", "varchar"],
    ["precision", "integer"],
    ["weight", "integer"],
    ["t2", "double"],
    ["t3", "double"],
    ["t4", "double"],
    ["t5", "double"],
  ], cuts);

  const measuresCsv = sqlString(join(STARS_REFERENCE_DIR, "measures.csv"));
  await db.con.run(`create or replace table stars_catalogue_2026 as
    select * from read_csv(${measuresCsv}, header = true, all_varchar = true)`);
  await db.con.run(`create or replace table stars_catalogue_2026 as
    select * replace (star_year::integer as star_year, weight::integer as weight, precision::integer as precision)
    from stars_catalogue_2026 where star_year = '2026'`);
  const interventionsCsv = sqlString(join(STARS_REFERENCE_DIR, "interventions.csv"));
  await db.con.run(`create or replace table stars_interventions as
    select * from read_csv(${interventionsCsv}, header = true, all_varchar = true)`);
  await db.con.run(`create or replace table stars_interventions as
    select * replace (try_cast(lift_points as double) as lift_points, try_cast(cost_per_member as double) as cost_per_member)
    from stars_interventions`);
  // Fail the build on a bad intervention row rather than in the browser.
  interventionsFromRows(await queryRows(db, "select * from stars_interventions"), catalogue);
}
