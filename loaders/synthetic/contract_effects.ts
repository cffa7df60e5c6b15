/**
 * Each MA contract's latent quality for each care event, year by year, persistent the way CMS's
 * year-to-year score correlations are: z_y = ρ·z_{y−1} + √(1 − ρ²)·ε_y, z_first ~ N(0, 1).
 */
import { normal, seededRandom } from "../../src/lib/prng.ts";
import { hashString } from "./entities.ts";

export interface ContractEventEffect {
  contract_id: string;
  event: string;
  yr: number;
  z: number;
}

/** Effects for every contract × event × calendar year in [firstYear, lastYear]. */
export function contractEventEffects(
  seed: number,
  contractIds: readonly string[],
  events: ReadonlyArray<{ event: string; rho: number }>,
  firstYear: number,
  lastYear: number,
): ContractEventEffect[] {
  const out: ContractEventEffect[] = [];
  for (const contract_id of contractIds) {
    for (const { event, rho } of events) {
      const random = seededRandom(seed ^ hashString(`${contract_id}/${event}`));
      let z = normal(random);
      for (let yr = firstYear; yr <= lastYear; yr++) {
        if (yr > firstYear) z = rho * z + Math.sqrt(1 - rho * rho) * normal(random);
        out.push({ contract_id, event, yr, z });
      }
    }
  }
  return out;
}
