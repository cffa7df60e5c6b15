/**
 * The synthetic payer's small entity tables, generated in TypeScript from the seed: places,
 * companies (heavy-tailed sizes) with their month-by-month latent utilization effect, MA contracts
 * and the provider registry. Member- and claim-level tables are generated in SQL from these.
 */
import { normal, seededRandom } from "../../src/lib/prng.ts";
import type { Scenario } from "./scenario.ts";

export interface Place {
  region: string;
  town: string;
  region_weight: number;
}

export interface Company {
  company_id: string;
  company_name: string;
  industry: string;
  region: string;
  town: string;
  employees: number;
  /** Company-level odds multiplier (log) for avoidable-leaning ER diagnoses. */
  avoidable_log_odds: number;
  /** deteriorating, improving or stable. */
  trajectory: string;
}

export interface CompanyMonthEffect {
  company_id: string;
  month_index: number;
  log_effect: number;
}

export interface Contract {
  contract_id: string;
  contract_name: string;
  region: string;
  members: number;
  log_effect: number;
}

export interface Provider {
  provider_id: string;
  provider_name: string;
  network_tier: string;
  practice_type: string;
  region: string;
  town: string;
}

const INDUSTRIES = [
  "manufacturing",
  "retail",
  "healthcare",
  "education",
  "technology",
  "construction",
  "hospitality",
  "logistics",
  "finance",
  "public sector",
];
const NAME_PARTS = [
  "Summit",
  "Harbor",
  "Pioneer",
  "Keystone",
  "Meridian",
  "Riverbend",
  "Bluestone",
  "Northwind",
  "Evergreen",
  "Ironwood",
  "Silverline",
  "Crescent",
  "Granite",
  "Prairie",
  "Lighthouse",
  "Redwood",
];
const NAME_SUFFIX = [
  "Manufacturing",
  "Foods",
  "Logistics",
  "Health Services",
  "Schools",
  "Systems",
  "Builders",
  "Hospitality",
  "Financial",
  "Partners",
  "Retail",
  "Labs",
];

/** Places: every town with its region and the region's population weight. */
export function places(scenario: Scenario): Place[] {
  return scenario.regions.flatMap((r) =>
    r.towns.map((town) => ({ region: r.region, town, region_weight: r.weight }))
  );
}

function pickWeighted<T>(items: readonly T[], weight: (t: T) => number, u: number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let acc = 0;
  for (const item of items) {
    acc += weight(item) / total;
    if (u < acc) return item;
  }
  return items[items.length - 1]!;
}

/**
 * Companies until their expected membership reaches the target. Employees ~ lognormal(μ, σ)
 * clipped to [min, max]; expected members = employees × mean household size.
 */
export function companies(scenario: Scenario, seed: number, targetMembers: number): Company[] {
  const random = seededRandom(seed ^ 0x0c0a9a11);
  const { mu, sigma, min, max } = scenario.commercial.employees_lognormal;
  const mix = scenario.commercial.household_size_mix;
  const meanHousehold = mix.reduce((s, p, i) => s + p * (i + 1), 0);
  const ce = scenario.commercial.company_effect;
  const townList = places(scenario);
  const out: Company[] = [];
  let expected = 0;
  while (expected < targetMembers) {
    const employees = Math.round(Math.min(max, Math.max(min, Math.exp(mu + sigma * normal(random)))));
    const place = pickWeighted(
      townList,
      (p) => p.region_weight / scenario.regions.find((r) => r.region === p.region)!.towns.length,
      random(),
    );
    const n = out.length + 1;
    const u = random();
    out.push({
      company_id: `C${String(n).padStart(5, "0")}`,
      company_name: `${NAME_PARTS[Math.floor(random() * NAME_PARTS.length)]} ${
        NAME_SUFFIX[Math.floor(random() * NAME_SUFFIX.length)]
      } ${n}`,
      industry: INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]!,
      region: place.region,
      town: place.town,
      employees,
      avoidable_log_odds: 0.35 * normal(random),
      trajectory: u < ce.deteriorating
        ? "deteriorating"
        : u < ce.deteriorating + ce.improving
        ? "improving"
        : "stable",
    });
    expected += employees * meanHousehold;
  }
  return out;
}

/**
 * Each company's latent log utilization effect by month: a persistent level b ~ N(0, σ²), an AR(1)
 * drift x_t = φ·x_{t−1} + ε_t, a linear trend from a random start month for deteriorating (+) and
 * improving (−) companies, and occasional shocks lasting 2–4 months.
 *
 * effect_t = b + x_t + trend·max(0, t − t₀) + shock_t
 */
export function companyMonthEffects(
  scenario: Scenario,
  seed: number,
  list: readonly Company[],
): CompanyMonthEffect[] {
  const ce = scenario.commercial.company_effect;
  const months = scenario.months;
  const out: CompanyMonthEffect[] = [];
  for (const company of list) {
    const random = seededRandom(seed ^ hashString(company.company_id));
    const level = ce.sigma * normal(random);
    const start = Math.floor(random() * months * 0.8);
    const slope = company.trajectory === "deteriorating"
      ? ce.trend_per_month
      : company.trajectory === "improving"
      ? -ce.trend_per_month * 0.8
      : 0;
    let drift = ce.drift_sigma * normal(random) / Math.sqrt(1 - ce.ar * ce.ar);
    let shockLeft = 0;
    for (let t = 0; t < months; t++) {
      drift = ce.ar * drift + ce.drift_sigma * normal(random);
      if (shockLeft === 0 && random() < ce.shock_per_year / 12) shockLeft = 2 + Math.floor(random() * 3);
      const shock = shockLeft > 0 ? ce.shock_size : 0;
      if (shockLeft > 0) shockLeft--;
      out.push({
        company_id: company.company_id,
        month_index: t,
        log_effect: level + drift + slope * Math.max(0, t - start) + shock,
      });
    }
  }
  return out;
}

/** MA contracts with the scale's enrollment; each has a modest latent utilization effect. */
export function contracts(scenario: Scenario, seed: number, sizes: readonly number[]): Contract[] {
  const random = seededRandom(seed ^ 0x00c0de55);
  const sigma = scenario.medicare_advantage.contract_effect_sigma ?? 0.15;
  return sizes.map((members, i) => ({
    contract_id: `H${9901 + i}`,
    contract_name: `Lodestar Medicare ${["Advantage Plus", "Choice", "Value", "Community"][i % 4]}${
      i >= 4 ? ` ${i + 1}` : ""
    }`,
    region: scenario.regions[i % scenario.regions.length]!.region,
    members,
    log_effect: sigma * normal(random),
  }));
}

/** Practice types and how many providers of each a town or a region has. */
const PER_TOWN: ReadonlyArray<[string, number, string]> = [
  ["primary_care", 3, "Family Practice"],
  ["clinic", 2, "Clinic"],
  ["pharmacy", 2, "Pharmacy"],
  ["dental", 1, "Dental"],
  ["urgent_care", 1, "Urgent Care"],
];
const PER_REGION: ReadonlyArray<[string, number, string]> = [
  ["hospital", 3, "General Hospital"],
  ["polyclinic", 1, "Polyclinic"],
  ["specialist", 4, "Specialty Group"],
  ["laboratory", 1, "Laboratory"],
  ["imaging", 1, "Imaging Center"],
  ["eye_care", 1, "Eye Care"],
];

/** The provider registry: town-level practices, region-level hospitals and specialists, one telehealth service. */
export function providers(scenario: Scenario, seed: number): Provider[] {
  const random = seededRandom(seed ^ 0x0bada551);
  const out: Provider[] = [];
  const tier = () => {
    const u = random();
    return u < 0.6 ? "preferred" : u < 0.94 ? "standard" : "out_of_network";
  };
  const add = (practice_type: string, name: string, region: string, town: string) =>
    out.push({
      provider_id: `P${String(out.length + 1).padStart(5, "0")}`,
      provider_name: name,
      network_tier: tier(),
      practice_type,
      region,
      town,
    });
  for (const r of scenario.regions) {
    for (const [type, n, label] of PER_REGION) {
      for (let i = 0; i < n; i++) {
        const town = r.towns[i % r.towns.length]!;
        add(type, `${town} ${label}${n > 1 && type !== "hospital" ? ` ${i + 1}` : ""}`, r.region, town);
      }
    }
    for (const town of r.towns) {
      for (const [type, n, label] of PER_TOWN) {
        for (let i = 0; i < n; i++) add(type, `${town} ${label}${n > 1 ? ` ${i + 1}` : ""}`, r.region, town);
      }
    }
  }
  add("telehealth", "Lodestar Virtual Care", scenario.regions[0]!.region, scenario.regions[0]!.towns[0]!);
  return out;
}

/** FNV-1a 32-bit hash of a string (for per-entity seeds). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
