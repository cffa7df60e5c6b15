/** The real CMS 2026 Star Ratings Data Tables and the published ratings, read once for the stars tests. */
import { join } from "node:path";
import { readCmsStarFiles } from "../../../loaders/stars/cms_files.ts";
import { readCatalogue, STARS_REFERENCE_DIR } from "../../../loaders/stars/reference.ts";
import { parseContractInfo } from "../../../src/lib/stars/contract_info.ts";
import { parseCsv } from "../../../src/lib/stars/csv.ts";
import { ROOT } from "../../support/project.ts";

export const CMS_2026_DIR = join(ROOT, "data", "reference", "cms-2026");
export const SUMMARY_2026 = join(STARS_REFERENCE_DIR, "cms_2026_summary_ratings.csv");

export const catalogue2026 = await readCatalogue(2026);
export const cms2026 = await readCmsStarFiles(CMS_2026_DIR, 2026);
export const contractInfo2026 = parseContractInfo(await Deno.readTextFile(SUMMARY_2026), SUMMARY_2026);

/** CMS's published 2026 ratings by contract: [Part C, Part D, overall], "" where CMS gives none. */
export const published2026: ReadonlyMap<string, [string, string, string]> = new Map(
  parseCsv(await Deno.readTextFile(SUMMARY_2026)).slice(1).map((r) => [r[0]!, [r[4]!, r[5]!, r[6]!]]),
);
