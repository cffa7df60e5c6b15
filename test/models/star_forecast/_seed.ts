/** The national seed of the forecast tests: CMS's 2026 files, read once. */
import { join } from "node:path";
import { STARS_REFERENCE_DIR } from "../../../loaders/stars/reference.ts";
import { nationalSeed, parseCorrelations } from "../../../models/star_forecast/national_seed.ts";
import { RULES_2026 } from "../../../src/lib/stars/rules.ts";
import { catalogue2026, cms2026, contractInfo2026 } from "../../lib/stars/_cms_2026.ts";

export const correlation2026 = parseCorrelations(
  await Deno.readTextFile(join(STARS_REFERENCE_DIR, "year_to_year_correlation_2026.csv")),
);
export const seed2026 = nationalSeed(
  {
    measureStars: cms2026.measureStars,
    measureData: cms2026.measureData!,
    cai: cms2026.cai,
    cutPoints: cms2026.cutPoints!,
  },
  catalogue2026,
  RULES_2026,
  correlation2026,
  contractInfo2026,
);
