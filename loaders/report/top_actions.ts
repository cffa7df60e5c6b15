/** The few actions the executive overview leads with, chosen from the pipeline's recommendations. */

/** A recommendation for a weak star measure with the star step's effect of its next star. */
export interface WeakMeasureAction {
  contract_id: string;
  measure_key: string;
  measure_id: string;
  measure_name: string;
  /** Rank in `weak_measures` for the contract (1 = most stars at stake per member). */
  rank: number;
  members_to_next_star: number | null;
  stars_at_stake_per_100: number | null;
  /** Change of the unrounded overall value when the measure gains its next star. */
  value_gain: number | null;
  rating_before: number | null;
  rating_after: number | null;
  revenue_change_per_year: number | null;
  crosses_four_stars: boolean | null;
  /** The first recommended action. */
  action: string;
  expected_effect: string;
}

/** A recommendation for a company the next-month model flags. */
export interface CompanyAction {
  company_id: string;
  company_name: string;
  predicted_month: string;
  probability: number;
  risk_rank: number;
  action: string;
  expected_effect: string;
}

/** One of the top actions, with what it is expected to do and the page that explains it. */
export type TopAction =
  | ({ kind: "weak_measure" } & WeakMeasureAction)
  | ({ kind: "company" } & CompanyAction);

const desc = (a: number | null, b: number | null) => (b ?? -Infinity) - (a ?? -Infinity);
const ratingGain = (a: WeakMeasureAction) =>
  a.rating_after === null || a.rating_before === null ? null : a.rating_after - a.rating_before;

/**
 * The `n` actions to lead with (default 5). Star actions come first in this order: the revenue they move per
 * year, then whether they cross 4 stars, then the gain in the published rating (half stars), then the gain in
 * the unrounded overall value, then the star step's
 * weak-measure rank; each contract's best measure is taken before any contract's second. Company actions are
 * ordered by the model's risk rank. Up to ⌈n / 2⌉ slots go to star actions and the rest to companies; a list
 * that runs short leaves its slots to the other.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const w = (contract_id: string, measure_key: string, revenue: number, rank: number) => ({
 *   contract_id, measure_key, measure_id: "C01", measure_name: measure_key, rank, members_to_next_star: 3,
 *   stars_at_stake_per_100: 10, value_gain: 0.01, rating_before: 3.5, rating_after: 3.5,
 *   revenue_change_per_year: revenue, crosses_four_stars: false, action: "Close gaps", expected_effect: "",
 * });
 * const c = (company_id: string, risk_rank: number) => ({
 *   company_id, company_name: company_id, predicted_month: "2026-10", probability: 0.6, risk_rank,
 *   action: "Call the account", expected_effect: "",
 * });
 * const top = topActions([w("H1", "bcs", 0, 1), w("H1", "cbp", 9, 2), w("H2", "col", 0, 1)], [c("B", 2), c("A", 1)], 4);
 * assert.deepEqual(top.map((a) => a.kind === "company" ? a.company_id : a.measure_key), ["cbp", "col", "A", "B"]);
 * ```
 */
export function topActions(
  weak: readonly WeakMeasureAction[],
  companies: readonly CompanyAction[],
  n = 5,
): TopAction[] {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Cannot pick ${n} top actions: expected a whole number`);
  }
  const byEffect = [...weak].sort((a, b) =>
    desc(a.revenue_change_per_year, b.revenue_change_per_year) ||
    Number(b.crosses_four_stars ?? false) - Number(a.crosses_four_stars ?? false) ||
    desc(ratingGain(a), ratingGain(b)) ||
    desc(a.value_gain, b.value_gain) ||
    a.rank - b.rank ||
    (a.contract_id < b.contract_id ? -1 : a.contract_id > b.contract_id ? 1 : 0)
  );
  // Each contract's best measure first, then the rest, keeping the effect order within each round.
  const round = new Map<string, number>();
  const rounds = byEffect.map((a) => {
    const r = round.get(a.contract_id) ?? 0;
    round.set(a.contract_id, r + 1);
    return r;
  });
  const stars = byEffect
    .map((a, i) => ({ a, r: rounds[i]!, i }))
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .map(({ a }): TopAction => ({ kind: "weak_measure", ...a }));
  const flagged = [...companies]
    .sort((a, b) => a.risk_rank - b.risk_rank || (a.company_id < b.company_id ? -1 : 1))
    .map((a): TopAction => ({ kind: "company", ...a }));
  const starSlots = Math.max(Math.ceil(n / 2), n - flagged.length);
  const fromStars = stars.slice(0, starSlots);
  return [...fromStars, ...flagged.slice(0, n - fromStars.length)];
}
