/**
 * The documented context interfaces: the rows the recommendation step and the assistant read, and how
 * each becomes a {@linkcode Context}. Only the fields listed here reach the rule library or the model;
 * free text (notes, names, addresses) never does.
 */
import { forDriver, forMeasure, type Intervention } from "./library.ts";
import type { Context } from "./schema.ts";

/**
 * One row of `weak_measures` (grain: one row per contract and measure the plan should work on).
 * `members_needed`: members who must newly meet the measure for its next star; `overall_star_effect`:
 * the change in the contract's overall rating if they do; `dollar_effect`: the quality bonus change.
 */
export interface WeakMeasureRow {
  contract_id: string;
  measure_key: string;
  measure_name: string;
  /** Null figures (for example no quality bonus at stake) are left out of the context. */
  weight: number | null;
  members_needed: number;
  overall_star_effect: number | null;
  dollar_effect: number | null;
}

/**
 * One row of `company_risk_predictions` (grain: one row per company predicted), as the next-month risk
 * step writes it, with its first three named drivers.
 */
export interface CompanyRiskRow {
  company_id: string;
  year_month: string;
  probability: number;
  risk_rank: number;
  drivers: ReadonlyArray<{ feature: string; log_odds: number }>;
}

/**
 * A member's care context (grain: one member): open gaps by measure and the risk model's top reasons.
 * This is what a care page passes to the assistant, after identifiers are stripped.
 */
export interface MemberCareContext {
  gaps: ReadonlyArray<{ measure_key: string; measure_name: string; days_left?: number }>;
  risk_score?: number;
  reasons: ReadonlyArray<{ reason: string; value: number }>;
}

/** The context of one weak measure. */
export function weakMeasureContext(
  row: WeakMeasureRow,
  library: readonly Intervention[],
  asOf: string,
): Context {
  return {
    subject_type: "weak_measure",
    subject_id: `${row.contract_id}/${row.measure_key}`,
    as_of: asOf,
    facts: { contract_id: row.contract_id, measure_key: row.measure_key, measure_name: row.measure_name },
    figures: Object.fromEntries(
      ([["weight", row.weight], ["members_needed", row.members_needed], [
        "overall_star_effect",
        row.overall_star_effect,
      ], ["dollar_effect", row.dollar_effect]] as const).filter(([, v]) => v !== null),
    ) as Record<string, number>,
    library: forMeasure(library, row.measure_key).map(({ key, action, mechanism }) => ({
      key,
      action,
      mechanism,
    })),
  };
}

/** The context of one high-risk company. */
export function companyContext(row: CompanyRiskRow, library: readonly Intervention[], asOf: string): Context {
  const facts: Record<string, string> = { company_id: row.company_id, year_month: row.year_month };
  const figures: Record<string, number> = { probability: row.probability, risk_rank: row.risk_rank };
  const lines = new Map<string, Intervention>();
  row.drivers.forEach((d, i) => {
    facts[`driver_${i + 1}`] = d.feature;
    figures[`driver_${i + 1}_log_odds`] = d.log_odds;
    for (const l of forDriver(library, d.feature)) lines.set(l.key, l);
  });
  if (lines.size === 0) { for (const l of forDriver(library, "")) lines.set(l.key, l); }
  return {
    subject_type: "company",
    subject_id: row.company_id,
    as_of: asOf,
    facts,
    figures,
    library: [...lines.values()].map(({ key, action, mechanism }) => ({ key, action, mechanism })),
  };
}

/** The context of one member (no identifier: the subject is "member"). */
export function memberContext(
  care: MemberCareContext,
  library: readonly Intervention[],
  asOf: string,
): Context {
  const facts: Record<string, string> = {};
  const figures: Record<string, number> = { open_gaps: care.gaps.length };
  if (care.risk_score !== undefined) figures.risk_score = care.risk_score;
  const lines = new Map<string, Intervention>();
  care.gaps.forEach((g, i) => {
    facts[`gap_${i + 1}`] = g.measure_key;
    facts[`gap_${i + 1}_name`] = g.measure_name;
    if (g.days_left !== undefined) figures[`gap_${i + 1}_days_left`] = g.days_left;
    for (const l of forMeasure(library, g.measure_key)) lines.set(l.key, l);
  });
  care.reasons.forEach((r, i) => {
    facts[`reason_${i + 1}`] = r.reason;
    figures[`reason_${i + 1}_value`] = r.value;
  });
  return {
    subject_type: "member",
    subject_id: "member",
    as_of: asOf,
    facts,
    figures,
    library: [...lines.values()].map(({ key, action, mechanism }) => ({ key, action, mechanism })),
  };
}
