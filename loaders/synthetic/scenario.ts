/** The synthetic payer's scenario file (`data/synthetic/scenario.json`): its shape and loading. */

export interface Scale {
  commercial_members: number;
  ma_contract_members: number[];
}

export interface Region {
  region: string;
  towns: string[];
  weight: number;
}

export interface CompanyEffect {
  sigma: number;
  ar: number;
  drift_sigma: number;
  deteriorating: number;
  improving: number;
  trend_per_month: number;
  shock_per_year: number;
  shock_size: number;
}

export interface Scenario {
  name: string;
  start_month: string;
  months: number;
  scales: Record<string, Scale>;
  regions: Region[];
  commercial: {
    employees_lognormal: { mu: number; sigma: number; min: number; max: number };
    household_size_mix: number[];
    subscriber_age: { min: number; max: number; mode: number };
    enrolled_at_start: number;
    early_termination_per_year: number;
    network_tier_mix: Record<string, number>;
    company_effect: CompanyEffect;
    member_share_of_allowed: number;
  };
  medicare_advantage: Record<string, number>;
  frailty_shape: number;
  conditions: Record<string, { at45: number; at75: number; loading: number } | string>;
  utilization: Record<string, Record<string, number> | number>;
  seasonality: { respiratory: number[]; injury: number[] };
  costs: Record<string, { median: number; sigma: number; cap: number } | string>;
  claim_status: { rejected: number; reversed: number };
  paid_lag_days: { min: number; max: number };
}

/** Reads and checks a scenario file. */
export function readScenario(path: string | URL): Scenario {
  const scenario = JSON.parse(Deno.readTextFileSync(path)) as Scenario;
  if (!/^\d{4}-\d{2}$/.test(scenario.start_month)) {
    throw new Error(
      `Cannot read scenario ${path}: "start_month" must be YYYY-MM (got "${scenario.start_month}")`,
    );
  }
  if (!Number.isInteger(scenario.months) || scenario.months < 12) {
    throw new Error(
      `Cannot read scenario ${path}: "months" must be an integer ≥ 12 (got ${scenario.months})`,
    );
  }
  for (const key of ["respiratory", "injury"] as const) {
    if (scenario.seasonality[key].length !== 12) {
      throw new Error(`Cannot read scenario ${path}: seasonality.${key} needs 12 monthly factors`);
    }
  }
  return scenario;
}

/** Numeric leaves of an object as `a__b__c` → value (the names SQL reads with getvariable). */
export function flattenNumbers(value: unknown, prefix = ""): [string, number][] {
  if (typeof value === "number") return [[prefix, value]];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k.startsWith("$") ? [] : flattenNumbers(v, prefix ? `${prefix}__${k}` : k)
  );
}
