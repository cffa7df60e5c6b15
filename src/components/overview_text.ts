// Words and small tables for the executive overview (src/index.md): formatting and reshaping only; every
// figure comes from the pipeline's executive summary.

/** Risk bands in order, each with a symbol so that colour is never the only signal. */
export const BANDS = [
  { band: "High", symbol: "▲", color: "#c0392b" },
  { band: "Medium", symbol: "◆", color: "#d68910" },
  { band: "Low", symbol: "●", color: "#1e8449" },
] as const;

/** A band's label with its symbol ("▲ High"); unknown bands as given. */
export function bandLabel(band: string | null | undefined): string {
  const b = BANDS.find((x) => x.band === band);
  return b ? `${b.symbol} ${b.band}` : String(band ?? "no band");
}

/** Half stars as "3.5★", or "no rating". */
export function starText(value: number | null | undefined): string {
  return value === null || value === undefined ? "no rating" : `${value}★`;
}

/**
 * Dollars in short form: $1.56M, $87K, $950, with a true minus sign.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(usdShort(1_559_756.25), "$1.56M");
 * assert.equal(usdShort(-87_020.83), "−$87.0K");
 * assert.equal(usdShort(950), "$950");
 * ```
 */
export function usdShort(value: number): string {
  const sign = value < 0 ? "−" : "";
  const x = Math.abs(value);
  const body = x >= 1e9
    ? `${(x / 1e9).toFixed(2)}B`
    : x >= 1e6
    ? `${(x / 1e6).toFixed(2)}M`
    : x >= 1e3
    ? `${(x / 1e3).toFixed(1)}K`
    : x.toFixed(0);
  return `${sign}$${body}`;
}

/**
 * A change with its sign, thousands separators and a direction word, for readers who do not see colour: "+1.0 (up)", "−2.0 (down)",
 * "no change"; `digits` decimals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(changeText(69.09, 68.08, 1), "+1.0 (up)");
 * assert.equal(changeText(3, 5, 0), "−2 (down)");
 * assert.equal(changeText(5, 5, 0), "no change");
 * assert.equal(changeText(87_020.83, 46_173.97, 0), "+40,847 (up)");
 * ```
 */
export function changeText(now: number | null, before: number | null, digits: number): string {
  if (now === null || before === null) return "no earlier month";
  const d = now - before;
  const shown = Math.abs(d).toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  if (Number(Math.abs(d).toFixed(digits)) === 0) return "no change";
  return `${d > 0 ? "+" : "−"}${shown} (${d > 0 ? "up" : "down"})`;
}

/** One cell of the band transition grid. */
export interface TransitionCell {
  previous_band: string;
  current_band: string;
  companies: number;
}

/** The full 3 × 3 grid of band transitions (zeros filled in), rows = last month's band, High first. */
export function transitionGrid(rows: readonly TransitionCell[]): TransitionCell[] {
  const count = new Map(rows.map((r) => [`${r.previous_band}→${r.current_band}`, r.companies]));
  return BANDS.flatMap((p) =>
    BANDS.map((c) => ({
      previous_band: p.band,
      current_band: c.band,
      companies: count.get(`${p.band}→${c.band}`) ?? 0,
    }))
  );
}

/** Companies that moved to a worse band, to a better band, or stayed (over the transition rows). */
export function transitionTotals(
  rows: readonly TransitionCell[],
): { worse: number; better: number; same: number } {
  const order = (b: string) => BANDS.findIndex((x) => x.band === b);
  const totals = { worse: 0, better: 0, same: 0 };
  for (const r of rows) {
    const p = order(r.previous_band), c = order(r.current_band);
    if (p < 0 || c < 0) continue;
    if (c < p) totals.worse += r.companies;
    else if (c > p) totals.better += r.companies;
    else totals.same += r.companies;
  }
  return totals;
}

/** Star measures whose star went up and down. */
export function movementTotals(
  rows: readonly { star: number; next_star: number }[],
): { up: number; down: number } {
  return {
    up: rows.filter((r) => r.next_star > r.star).length,
    down: rows.filter((r) => r.next_star < r.star).length,
  };
}
