/**
 * The next-month model's input: one row per company-month with features from that month and
 * earlier months only, the current band and next month's band as the target.
 */
import { type KpiRow, monthIndex } from "./score.ts";

/** Feature columns with their meaning (documented in docs/utilization-methodology.md too). */
export const FEATURES: ReadonlyArray<readonly [string, string]> = [
  ["log_member_months", "ln(member-months this month): company size"],
  ["window_member_months", "member-months in the 3-month window (credibility exposure)"],
  ["ivi", "IVI this month"],
  ["ivi_u", "utilization component U"],
  ["ivi_h", "health-burden component H"],
  ["ivi_e", "engagement/access component E"],
  ["ivi_lag1", "IVI one month earlier (null if the company had no row then)"],
  ["ivi_lag2", "IVI two months earlier"],
  ["ivi_change_3m", "IVI minus IVI three months earlier"],
  ["ivi_trend_6m", "least-squares slope of IVI per month over the last ≤ 6 months (null with < 3 points)"],
  ["high_months_6m", "months in High risk among the last 6 (this month included)"],
  ["er_per_1000_cred", "credibility-weighted ER visits per 1,000 member-years, 3-month window"],
  ["avoidable_er_per_1000_cred", "credibility-weighted NYU avoidable ER per 1,000, 3-month window"],
  ["avoidable_er_share_cred", "credibility-weighted avoidable share of ER visits"],
  ["avoidable_er_paid_pmpm_cred", "credibility-weighted avoidable ER paid PMPM"],
  ["admissions_per_1000_cred", "credibility-weighted admissions per 1,000"],
  ["first_contact_to_er_log", "ln(office + telehealth rate / ER rate)"],
  ["er_per_1000_cred_change_3m", "change of the credibility-weighted ER rate over 3 months"],
  ["er_admitted_share", "share of this month's ER visits admitted"],
  ["pmpm", "total paid PMPM this month"],
  ["month_of_year", "calendar month 1–12"],
  ["respiratory_season", "1 in December–February, else 0"],
];

/** One feature row. */
export type FeatureRow = Record<string, number | string | null>;

/** Least-squares slope of y on x; null with fewer than 3 points. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number | null {
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  return sxx > 0 ? sxy / sxx : null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const round = (x: number | null, d: number) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/**
 * Feature rows from KPI rows. `high_risk_next` is 1/0 when the company has a row next month and
 * null otherwise (the last month of the data, or a company that left).
 */
export function companyMonthFeatures(kpis: readonly KpiRow[]): FeatureRow[] {
  const out: FeatureRow[] = [];
  for (const [company, rows] of Map.groupBy(kpis, (r) => r.company_id)) {
    const byMonth = new Map(rows.map((r) => [monthIndex(r.year_month), r]));
    const at = (t: number) => byMonth.get(t);
    for (const r of [...rows].sort((a, b) => (a.year_month < b.year_month ? -1 : 1))) {
      const t = monthIndex(r.year_month);
      const ivi = num(r.ivi);
      const lag = (k: number) => num(at(t - k)?.ivi);
      const last6 = [0, 1, 2, 3, 4, 5].map((k) => at(t - k)).filter((x) => x !== undefined);
      const trend = slope(last6.map((x) => [monthIndex(x.year_month), num(x.ivi)!] as const));
      const erNow = num(r.er_per_1000_cred);
      const er3 = num(at(t - 3)?.er_per_1000_cred);
      const next = at(t + 1);
      const month = (t % 12) + 1;
      out.push({
        company_id: company,
        year_month: r.year_month,
        member_months: r.member_months,
        log_member_months: round(Math.log(r.member_months), 4),
        window_member_months: num(r.window_member_months),
        ivi,
        ivi_u: num(r.ivi_u),
        ivi_h: num(r.ivi_h),
        ivi_e: num(r.ivi_e),
        ivi_lag1: lag(1),
        ivi_lag2: lag(2),
        ivi_change_3m: ivi !== null && lag(3) !== null ? round(ivi - lag(3)!, 3) : null,
        ivi_trend_6m: round(trend, 4),
        high_months_6m: last6.filter((x) => x.risk_band === "High").length,
        er_per_1000_cred: erNow,
        avoidable_er_per_1000_cred: num(r.avoidable_er_per_1000_cred),
        avoidable_er_share_cred: num(r.avoidable_er_share_cred),
        avoidable_er_paid_pmpm_cred: num(r.avoidable_er_paid_pmpm_cred),
        admissions_per_1000_cred: num(r.admissions_per_1000_cred),
        first_contact_to_er_log: num(r.first_contact_to_er_log),
        er_per_1000_cred_change_3m: erNow !== null && er3 !== null ? round(erNow - er3, 3) : null,
        er_admitted_share: num(r.er_admitted_share),
        pmpm: num(r.pmpm),
        month_of_year: month,
        respiratory_season: month === 12 || month <= 2 ? 1 : 0,
        high_risk_now: r.risk_band === "High" ? 1 : 0,
        high_risk_next: next === undefined ? null : next.risk_band === "High" ? 1 : 0,
      });
    }
  }
  return out.sort((a, b) =>
    String(a.company_id) < String(b.company_id)
      ? -1
      : String(a.company_id) > String(b.company_id)
      ? 1
      : String(a.year_month) < String(b.year_month)
      ? -1
      : 1
  );
}
