/**
 * The seed of the simulated national histories: every MA-PD contract CMS rated overall in the 2026 Star
 * Ratings, with its Measure Data scores (measures with MA-PD cut points) and its published measure stars.
 */
import type { Catalogue } from "../../src/lib/stars/catalogue.ts";
import { contractsFromCms, cutPointsByKey } from "../../src/lib/stars/cms_contracts.ts";
import type { ContractInfo } from "../../src/lib/stars/cms_contracts.ts";
import type { CmsCaiRow, CmsMeasureTable, CutPointTable } from "../../src/lib/stars/cms_tables.ts";
import { parseCsv } from "../../src/lib/stars/csv.ts";
import type { YearRules } from "../../src/lib/stars/rules.ts";
import { rateContract } from "../../src/lib/stars/summary.ts";
import type { NationalSeed, SeedContract } from "./simulate.ts";

/** CMS's tables of one Star year, as `loaders/stars/cms_files.ts` reads them (Measure Data and cut points required). */
export interface SeedTables {
  measureStars: CmsMeasureTable;
  measureData: CmsMeasureTable;
  cai: readonly CmsCaiRow[];
  cutPoints: ReadonlyMap<string, CutPointTable>;
}

/**
 * Parses `year_to_year_correlation_2026.csv` (columns `cms_id`, `key`, `correlation`, `source`) into correlations
 * by measure key; a value outside [0, 1) is an error naming the row.
 */
export function parseCorrelations(
  text: string,
  file = "year_to_year_correlation_2026.csv",
): Map<string, number> {
  const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ""));
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  const key = header.indexOf("key"), rho = header.indexOf("correlation");
  if (key < 0 || rho < 0) {
    throw new Error(`Cannot read ${file}: columns "key" and "correlation" are required`);
  }
  return new Map(
    rows.slice(1).map((r, i) => {
      const v = Number(r[rho]);
      if (!(r[rho]?.trim() && v >= 0 && v < 1)) {
        throw new Error(
          `Cannot read ${file} row ${i + 2}: "correlation" must be a number in [0, 1) ("${r[rho]}")`,
        );
      }
      return [r[key]!.trim(), v];
    }),
  );
}

/** The national seed: MA-PD contracts the engine rates overall from CMS's published measure stars. */
export function nationalSeed(
  tables: SeedTables,
  catalogue: Catalogue,
  rules: YearRules,
  correlation: ReadonlyMap<string, number>,
  info: ReadonlyMap<string, ContractInfo> = new Map(),
): NationalSeed {
  const cutPoints = cutPointsByKey(tables.cutPoints, catalogue, false);
  const data = new Map(tables.measureData.contracts.map((r) => [r.contractId, r]));
  const contracts: SeedContract[] = [];
  for (const c of contractsFromCms(tables.measureStars, tables.cai, catalogue, info)) {
    if (c.profile.kind === "pdp" || !c.profile.offersPartD) continue;
    if (rateContract(c.stars, c.profile, catalogue, rules).overall.stars === null) continue;
    const row = data.get(c.profile.contractId);
    const scores = new Map<string, number>();
    const fixedStars = new Map<string, number>();
    const seedStars = new Map<string, number>();
    for (const [key, star] of c.stars) {
      const m = catalogue.byKey.get(key)!;
      const score = row?.cells.get(m.cmsId)?.value;
      if (score !== undefined && cutPoints.has(key)) {
        scores.set(key, score);
        seedStars.set(key, star);
      } else fixedStars.set(key, star);
    }
    contracts.push({ profile: c.profile, scores, fixedStars, seedStars });
  }
  return { catalogue, rules, contracts, cutPoints, correlation };
}
