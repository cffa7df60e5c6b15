/**
 * `deno run -A models/star_forecast/backtest.ts [--kind linear|forest]` prints the backtest metrics of the
 * star forecast on the default simulated histories (the numbers of models/star_forecast/README.md).
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { readCmsStarFiles } from "../../loaders/stars/cms_files.ts";
import { readCatalogue, STARS_REFERENCE_DIR } from "../../loaders/stars/reference.ts";
import { parseContractInfo } from "../../src/lib/stars/contract_info.ts";
import { RULES_2026 } from "../../src/lib/stars/rules.ts";
import { DEFAULT_FORECAST_OPTIONS, trainStarForecast } from "./model.ts";
import { nationalSeed, parseCorrelations } from "./national_seed.ts";

if (import.meta.main) {
  const { values } = parseArgs({ args: Deno.args, options: { kind: { type: "string", default: "linear" } } });
  if (values.kind !== "linear" && values.kind !== "forest") {
    console.error(`backtest: --kind must be linear or forest ("${values.kind}")`);
    Deno.exit(1);
  }
  const catalogue = await readCatalogue(2026);
  const cmsDir = join(STARS_REFERENCE_DIR, "..", "cms-2026");
  const files = await readCmsStarFiles(cmsDir, 2026);
  const summary = join(STARS_REFERENCE_DIR, "cms_2026_summary_ratings.csv");
  const seed = nationalSeed(
    {
      measureStars: files.measureStars,
      measureData: files.measureData!,
      cai: files.cai,
      cutPoints: files.cutPoints!,
    },
    catalogue,
    RULES_2026,
    parseCorrelations(
      await Deno.readTextFile(join(STARS_REFERENCE_DIR, "year_to_year_correlation_2026.csv")),
    ),
    parseContractInfo(await Deno.readTextFile(summary), summary),
  );
  const start = performance.now();
  const { metrics } = trainStarForecast(seed, { ...DEFAULT_FORECAST_OPTIONS, kind: values.kind });
  console.log(
    JSON.stringify(
      { kind: values.kind, seconds: Math.round((performance.now() - start) / 100) / 10, metrics },
      null,
      2,
    ),
  );
}
