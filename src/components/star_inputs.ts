// The plan's own contracts as the star engine's inputs, from the pipeline tables the Star Ratings pages load.
import {
  catalogueFromRows,
  cutPointsFromRows,
  measureStatesFromRates,
  ownContext,
} from "../lib/stars/own_contract.js";
import type { Catalogue } from "../lib/stars/catalogue.js";
import type { MeasureState, WhatIfContext } from "../lib/stars/whatif.js";

/** One own contract ready for the engine. */
export interface OwnContract {
  id: string;
  name: string;
  members: number;
  states: MeasureState[];
  ctx: WhatIfContext;
}

/** The star year the pages show: measurement year 2024 → Star year 2026, the year of CMS's cut points. */
export const STAR_YEAR = 2026;

/** Builds the catalogue and every own contract with 2026 measure rates. */
export function ownContracts(tables: {
  catalogue: Iterable<Record<string, unknown>>;
  cutPoints: Iterable<Record<string, unknown>>;
  rates: Iterable<Record<string, unknown>>;
  contracts: Iterable<Record<string, unknown>>;
}, starYear = STAR_YEAR): { catalogue: Catalogue; contracts: OwnContract[] } {
  const catalogue = catalogueFromRows(tables.catalogue, STAR_YEAR);
  const cutPoints = cutPointsFromRows(tables.cutPoints);
  const rates = [...tables.rates];
  const contracts: OwnContract[] = [];
  for (const c of tables.contracts) {
    const id = String(c.contract_id);
    const states = measureStatesFromRates(rates, catalogue, id, starYear);
    if (states.length === 0) continue;
    contracts.push({
      id,
      name: String(c.contract_name ?? id),
      members: Number(c.members ?? 0),
      states,
      ctx: ownContext(catalogue, cutPoints, id, states),
    });
  }
  return { catalogue, contracts };
}

/** Default money assumptions of the pages (editable on each page): benchmark and bid PMPM. */
export const DEFAULT_FINANCE = { benchmarkPmpm: 1150, bidPmpm: 960, doubleBonusShare: 0 } as const;

/** A contract's money assumptions from `star_money` (the contract finance input), else the defaults. */
export function financeOf(
  money: Iterable<Record<string, unknown>>,
  contract: OwnContract,
): { benchmarkPmpm: number; bidPmpm: number; doubleBonusShare: number; members: number } {
  for (const r of money) {
    if (r.contract_id !== contract.id) continue;
    const n = (v: unknown, fallback: number) => v === null || v === undefined ? fallback : Number(v);
    return {
      benchmarkPmpm: n(r.benchmark_pmpm, DEFAULT_FINANCE.benchmarkPmpm),
      bidPmpm: n(r.bid_pmpm, DEFAULT_FINANCE.bidPmpm),
      doubleBonusShare: n(r.double_bonus_county_share, DEFAULT_FINANCE.doubleBonusShare),
      members: n(r.members, contract.members),
    };
  }
  return { ...DEFAULT_FINANCE, members: contract.members };
}
