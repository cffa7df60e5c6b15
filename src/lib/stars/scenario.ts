/**
 * What-If scenarios of the executive page: sliders (more compliant members, or score points), interventions
 * from a documented library, payment assumptions; their measure changes, cost, ROI and payback; and the
 * scenario as a URL fragment so that it can be shared.
 */
import type { Catalogue } from "./catalogue.js";
import { type ContractFinance, contractRevenue, paymentRating } from "./contract_revenue.js";
import {
  type Change,
  type MeasureState,
  whatIf,
  type WhatIfComparison,
  type WhatIfContext,
} from "./whatif.js";

/** One intervention of `data/reference/stars/interventions.csv`. */
export interface Intervention {
  id: string;
  name: string;
  /** Stable measure keys it moves. */
  measures: string[];
  /** Expected improvement of each of those measures, in score points (percentage points for rates). */
  liftPoints: number;
  /** Where the lift comes from: a citation, or "assumption". */
  liftSource: string;
  /** Cost per targeted member per year, in dollars. */
  costPerMember: number;
}

/** A What-If scenario: everything the page's inputs hold. */
export interface Scenario {
  contract: string;
  /** Additional compliant members by measure key (fewer events for lower-is-better measures). */
  members: Record<string, number>;
  /** Score points of improvement by measure key, for measures without a denominator. */
  points: Record<string, number>;
  /** Selected intervention ids. */
  interventions: string[];
  benchmarkPmpm: number;
  bidPmpm: number;
  /** Enrolled members (average over the year). */
  enrolled: number;
  /** Share of members (0–1) in double-bonus counties. */
  doubleBonusShare: number;
}

/** Reads intervention rows (`id`, `name`, `measures` as keys joined by `;`, `lift_points`, `lift_source`, `cost_per_member`). */
export function interventionsFromRows(
  rows: Iterable<Record<string, unknown>>,
  catalogue: Catalogue,
): Intervention[] {
  return [...rows].map((r, i) => {
    const where = (column: string, expected: string) =>
      new Error(
        `Cannot read interventions.csv row ${i + 2}: "${column}" must be ${expected} (${
          JSON.stringify(r[column])
        })`,
      );
    const number = (column: string) => {
      const v = Number(r[column]);
      if (r[column] === null || r[column] === "" || !Number.isFinite(v) || v < 0) {
        throw where(column, "a number ≥ 0");
      }
      return v;
    };
    const measures = String(r.measures ?? "").split(";").map((s) => s.trim()).filter(Boolean);
    if (measures.length === 0) throw where("measures", "measure keys separated by ;");
    for (const key of measures) {
      if (!catalogue.byKey.has(key)) throw where("measures", `keys of Star year ${catalogue.year} measures`);
    }
    const id = String(r.id ?? "");
    if (!/^[a-z][a-z0-9_]*$/.test(id)) throw where("id", "lowercase snake_case");
    return {
      id,
      name: String(r.name ?? ""),
      measures,
      liftPoints: number("lift_points"),
      liftSource: String(r.lift_source ?? ""),
      costPerMember: number("cost_per_member"),
    };
  });
}

/**
 * The measure changes of a scenario. Per measure with a denominator: members = slider + Σ round(lift / 100 ×
 * denominator) over the selected interventions that move it. Per measure without one: points = slider + Σ lift,
 * applied as a score delta in the measure's better direction (down for lower-is-better measures) and kept
 * within a 0–100 score.
 */
export function scenarioChanges(
  scenario: Scenario,
  states: readonly MeasureState[],
  catalogue: Catalogue,
  library: readonly Intervention[],
): Change[] {
  const chosen = library.filter((x) => scenario.interventions.includes(x.id));
  const changes: Change[] = [];
  for (const s of states) {
    const measure = catalogue.byKey.get(s.key);
    if (!measure || s.score === undefined) continue;
    const lift = chosen.filter((x) => x.measures.includes(s.key)).reduce((sum, x) => sum + x.liftPoints, 0);
    if (s.denominator && s.numerator !== undefined) {
      const n = (scenario.members[s.key] ?? 0) + Math.round((lift / 100) * s.denominator);
      if (n !== 0) changes.push({ key: s.key, addCompliant: n });
    } else {
      const points = (scenario.points[s.key] ?? 0) + lift;
      if (points === 0) continue;
      const wanted = measure.direction === "lower" ? -points : points;
      const delta = Math.min(100 - s.score, Math.max(-s.score, wanted));
      if (delta !== 0) changes.push({ key: s.key, scoreDelta: delta });
    }
  }
  return changes;
}

/**
 * Cost per year of the selected interventions: Σ cost per member × targeted members, where the targeted members
 * are the largest denominator among the measures the intervention moves, or every enrolled member when none of
 * them has a denominator.
 */
export function interventionCost(
  scenario: Scenario,
  states: readonly MeasureState[],
  library: readonly Intervention[],
): number {
  let cost = 0;
  for (const x of library.filter((i) => scenario.interventions.includes(i.id))) {
    const denominators = states.filter((s) => x.measures.includes(s.key) && s.denominator).map((s) =>
      s.denominator!
    );
    cost += x.costPerMember * (denominators.length ? Math.max(...denominators) : scenario.enrolled);
  }
  return cost;
}

/** A scenario's outcome. */
export interface ScenarioResult {
  comparison: WhatIfComparison;
  revenuePerYear: number;
  revenuePmpm: number;
  cost: number;
  /** (revenue − cost) / cost, or null without cost. */
  roi: number | null;
  /** Months of revenue gain that pay the cost: cost / (revenue per year / 12); null when revenue does not rise. */
  paybackMonths: number | null;
}

/** The scenario's money assumptions. */
export function scenarioFinance(s: Scenario): ContractFinance {
  return {
    benchmarkPmpm: s.benchmarkPmpm,
    bidPmpm: s.bidPmpm,
    members: s.enrolled,
    doubleBonusShare: s.doubleBonusShare,
  };
}

/**
 * Evaluates a scenario: the engine's What-If; the revenue change of the highest rating ({@link contractRevenue});
 * cost; ROI = (Δ revenue per year − cost) / cost; payback in months = cost / (Δ revenue per year / 12).
 */
export function runScenario(
  ctx: WhatIfContext,
  states: readonly MeasureState[],
  scenario: Scenario,
  library: readonly Intervention[],
): ScenarioResult {
  const comparison = whatIf(ctx, states, scenarioChanges(scenario, states, ctx.catalogue, library));
  const finance = scenarioFinance(scenario);
  const before = contractRevenue(paymentRating(comparison.before.highest), finance);
  const after = contractRevenue(paymentRating(comparison.after.highest), finance);
  const perYear = after.revenuePerYear - before.revenuePerYear;
  const cost = interventionCost(scenario, states, library);
  return {
    comparison,
    revenuePerYear: perYear,
    revenuePmpm: after.revenuePmpm - before.revenuePmpm,
    cost,
    roi: cost > 0 ? (perYear - cost) / cost : null,
    paybackMonths: perYear > 0 ? cost / (perYear / 12) : null,
  };
}

const KEY = /^[a-z][a-z0-9_]*$/;

function pairs(map: Record<string, number>): string {
  return Object.entries(map).filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}:${v}`).join(",");
}

/**
 * The scenario as a URL fragment without `#`: `c=H9901&m=bcs:15,col:20&p=cahps_getting_care:2&i=a,b&bm=1150&bid=1000&n=2500&db=0.25`.
 * Zero sliders are left out; keys are sorted, so one scenario has one fragment.
 */
export function encodeScenario(s: Scenario): string {
  const parts = [`c=${encodeURIComponent(s.contract)}`];
  const m = pairs(s.members);
  const p = pairs(s.points);
  if (m) parts.push(`m=${m}`);
  if (p) parts.push(`p=${p}`);
  if (s.interventions.length) parts.push(`i=${[...s.interventions].sort().join(",")}`);
  parts.push(`bm=${s.benchmarkPmpm}`, `bid=${s.bidPmpm}`, `n=${s.enrolled}`, `db=${s.doubleBonusShare}`);
  return parts.join("&");
}

/**
 * Reads a fragment written by {@link encodeScenario} (with or without `#`) over `defaults`: parameters absent
 * keep the default. A malformed parameter throws an error naming it and its value.
 */
export function decodeScenario(fragment: string, defaults: Scenario): Scenario {
  const out: Scenario = {
    ...defaults,
    members: { ...defaults.members },
    points: { ...defaults.points },
    interventions: [...defaults.interventions],
  };
  const bad = (name: string, value: string, expected: string) =>
    new Error(`Cannot read the scenario in the URL: "${name}" must be ${expected} ("${value}")`);
  for (const part of fragment.replace(/^#/, "").split("&").filter(Boolean)) {
    const eq = part.indexOf("=");
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1));
    const amount = (min: number) => {
      const v = Number(value);
      if (value === "" || !Number.isFinite(v) || v < min) throw bad(name, value, `a number ≥ ${min}`);
      return v;
    };
    const map = () => {
      const m: Record<string, number> = {};
      for (const pair of value.split(",").filter(Boolean)) {
        const [k = "", v = ""] = pair.split(":");
        const n = Number(v);
        if (!KEY.test(k) || v === "" || !Number.isFinite(n)) throw bad(name, value, "key:number pairs");
        m[k] = n;
      }
      return m;
    };
    switch (name) {
      case "c":
        if (!/^[A-Z0-9]{1,10}$/.test(value)) throw bad(name, value, "a contract ID");
        out.contract = value;
        break;
      case "m":
        out.members = map();
        break;
      case "p":
        out.points = map();
        break;
      case "i":
        out.interventions = value.split(",").filter(Boolean);
        if (!out.interventions.every((x) => KEY.test(x))) throw bad(name, value, "intervention ids");
        break;
      case "bm":
        out.benchmarkPmpm = amount(0);
        break;
      case "bid":
        out.bidPmpm = amount(0);
        break;
      case "n":
        out.enrolled = amount(0);
        break;
      case "db":
        out.doubleBonusShare = amount(0);
        if (out.doubleBonusShare > 1) throw bad(name, value, "a share from 0 to 1");
        break;
      default:
        throw bad(name, value, "one of c, m, p, i, bm, bid, n, db");
    }
  }
  return out;
}
