import { join } from "node:path";
import {
  type CmsCaiRow,
  type CmsMeasureTable,
  type CutPointTable,
  parseCmsCai,
  parseCmsCutPoints,
  parseCmsMeasureTable,
} from "../../src/lib/stars/cms_tables.ts";

/** CMS's Star Ratings Data Table CSVs of one year, parsed. Measure Data and Cut Points are optional. */
export interface CmsStarFiles {
  measureStars: CmsMeasureTable;
  cai: CmsCaiRow[];
  measureData?: CmsMeasureTable;
  /** Cut points by scope: `all` (Part C), `MA-PD` and `PDP` (Part D). */
  cutPoints?: Map<string, CutPointTable>;
  /** The file each table came from. */
  files: Record<string, string>;
}

const TABLES = {
  measureStars: "measure stars",
  measureData: "measure data",
  cai: "cai",
  cutPointsC: "part c cut points",
  cutPointsD: "part d cut points",
} as const;

/** Finds the file of one table in a folder of CMS downloads (`2026 Star Ratings Data Table - CAI (…).csv`). */
export function findTable(names: readonly string[], year: number, table: string): string | undefined {
  const prefix = `${year} star ratings data table - ${table}`;
  const hits = names.filter((n) => n.toLowerCase().startsWith(prefix) && n.toLowerCase().endsWith(".csv"));
  if (hits.length > 1) throw new Error(`Several ${year} "${table}" tables: ${hits.join(", ")}; keep one`);
  return hits[0];
}

/**
 * Reads the Star Ratings Data Table CSVs of `year` from `dir`: Measure Stars and CAI are required; Measure
 * Data and the Part C/D Cut Points are read when present.
 */
export async function readCmsStarFiles(dir: string, year: number): Promise<CmsStarFiles> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isFile) names.push(e.name);
  const files: Record<string, string> = {};
  const read = async (key: keyof typeof TABLES, required: boolean): Promise<[string, string] | undefined> => {
    const name = findTable(names, year, TABLES[key]);
    if (!name) {
      if (required) {
        throw new Error(`${dir} has no "${year} Star Ratings Data Table - ${TABLES[key]} …csv" file`);
      }
      return undefined;
    }
    files[key] = name;
    return [await Deno.readTextFile(join(dir, name)), name];
  };
  const stars = (await read("measureStars", true))!;
  const cai = (await read("cai", true))!;
  const data = await read("measureData", false);
  const cutC = await read("cutPointsC", false);
  const cutD = await read("cutPointsD", false);
  let cutPoints: Map<string, CutPointTable> | undefined;
  if (cutC || cutD) {
    cutPoints = new Map();
    for (const f of [cutC, cutD]) {
      if (!f) continue;
      for (const [scope, table] of parseCmsCutPoints(f[0], f[1])) cutPoints.set(scope, table);
    }
  }
  return {
    measureStars: parseCmsMeasureTable(stars[0], stars[1]),
    cai: parseCmsCai(cai[0], cai[1]),
    measureData: data ? parseCmsMeasureTable(data[0], data[1]) : undefined,
    cutPoints,
    files,
  };
}
