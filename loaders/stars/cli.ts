/**
 * `deno task stars --cms-dir DIR --year 2026 --out FILE.csv [--contracts FILE.csv]`
 *
 * Reads CMS's Star Ratings Data Table CSVs in DIR as downloaded (Measure Stars and CAI; Measure Data and the
 * Cut Points when present) and writes one row per contract with its Part C, Part D and overall ratings and the
 * weighted means, variances, reward factors and CAI values behind them. `--contracts` adds contract facts the
 * Measure Stars and CAI tables lack (columns `contract_id`, `snp`, `isnp_only`, `disaster_2024_pct`; for 2026
 * `data/reference/stars/cms_2026_summary_ratings.csv` holds them). `--measures-out FILE.csv` also writes one row
 * per contract × measure with CMS's score and star and the star the engine gives the score.
 */
import { parseArgs } from "node:util";
import { contractsFromCms } from "../../src/lib/stars/cms_contracts.ts";
import { parseContractInfo } from "../../src/lib/stars/contract_info.ts";
import { measureRows, measureRowsCsv } from "../../src/lib/stars/measure_rows.ts";
import { ratingsCsv } from "../../src/lib/stars/ratings_table.ts";
import { rulesFor } from "../../src/lib/stars/rules.ts";
import { rateContract } from "../../src/lib/stars/summary.ts";
import { readCmsStarFiles } from "./cms_files.ts";
import { readCatalogue } from "./reference.ts";

/** Options of {@link runStarsCli}. */
export interface StarsCliOptions {
  cmsDir: string;
  year: number;
  out: string;
  contracts?: string;
  catalogue?: string;
  measuresOut?: string;
}

/** Parses the command line; throws a usage error naming the problem. */
export function parseStarsArgs(args: string[]): StarsCliOptions {
  const { values } = parseArgs({
    args,
    options: {
      "cms-dir": { type: "string" },
      year: { type: "string", default: "2026" },
      out: { type: "string" },
      contracts: { type: "string" },
      catalogue: { type: "string" },
      "measures-out": { type: "string" },
    },
    strict: true,
  });
  const usage =
    "usage: deno task stars --cms-dir DIR --year 2026 --out FILE.csv [--contracts FILE.csv] [--measures-out FILE.csv]";
  if (!values["cms-dir"]) throw new Error(`--cms-dir is required\n${usage}`);
  if (!values.out) throw new Error(`--out is required\n${usage}`);
  const year = Number(values.year);
  if (!Number.isInteger(year)) {
    throw new Error(`--year must be a Star year like 2026 ("${values.year}")\n${usage}`);
  }
  return {
    cmsDir: values["cms-dir"],
    year,
    out: values.out,
    contracts: values.contracts,
    catalogue: values.catalogue,
    measuresOut: values["measures-out"],
  };
}

/** Runs the engine on a folder of CMS files and writes the ratings CSV; returns the number of contracts. */
export async function runStarsCli(options: StarsCliOptions): Promise<number> {
  const catalogue = await readCatalogue(options.year, options.catalogue);
  const rules = rulesFor(options.year);
  const files = await readCmsStarFiles(options.cmsDir, options.year);
  const info = options.contracts
    ? parseContractInfo(await Deno.readTextFile(options.contracts), options.contracts)
    : new Map();
  const contracts = contractsFromCms(files.measureStars, files.cai, catalogue, info);
  const results = contracts.map((c) => rateContract(c.stars, c.profile, catalogue, rules));
  await Deno.writeTextFile(options.out, ratingsCsv(results));
  if (options.measuresOut) {
    const rows = measureRows(files.measureStars, catalogue, files.measureData, files.cutPoints);
    await Deno.writeTextFile(options.measuresOut, measureRowsCsv(rows));
  }
  return results.length;
}

if (import.meta.main) {
  try {
    const options = parseStarsArgs(Deno.args);
    const n = await runStarsCli(options);
    console.error(`stars: ${n} contracts → ${options.out}`);
  } catch (e) {
    console.error(`stars: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
