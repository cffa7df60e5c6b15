/**
 * Company-month KPIs from the raw counts: monthly rates for both avoidable-ER definitions,
 * 3-month credibility-weighted rates with exact Poisson intervals, expanding-window z-scores and
 * the IVI with its decomposition. Pure: rows in, rows out.
 */
import {
  credibility,
  type DispersionMoments,
  dispersionMoments,
  estimatePrior,
  type Exposed,
  pooledPrior,
  shrunkRate,
} from "./credibility.js";
import { expandingZ } from "./expanding_z.js";
import { IVI_METRICS, relativeToBook, scoreIvi } from "./ivi.js";
import { garwoodInterval } from "./poisson_interval.js";

/** One row of `company_month_counts.sql`. */
export interface CountsRow {
  company_id: string;
  year_month: string;
  member_months: number;
  claims: number;
  medical_claims: number;
  pharmacy_fills: number;
  paid: number;
  medical_paid: number;
  pharmacy_paid: number;
  allowed: number;
  admissions: number;
  office_visits: number;
  telehealth_visits: number;
  urgent_care_visits: number;
  er_visits: number;
  er_admitted: number;
  er_paid: number;
  avoidable_er_visits_proxy: number;
  avoidable_er_paid_proxy: number;
  avoidable_er_visits_nyu: number;
  avoidable_er_paid_nyu: number;
  er_unclassified: number;
  chronic_member_months: number;
  condition_months: number;
}

/** A KPI row: the counts plus derived rates, credibility, scores and the IVI. */
export type KpiRow = CountsRow & Record<string, number | string | null>;

const UNSCORED = [
  "ivi_u",
  "ivi_h",
  "ivi_e",
  "contribution_u",
  "contribution_h",
  "contribution_e",
  "ivi",
  "risk_band",
];

/** Months in the trailing window the credibility-weighted rates and the IVI use. */
export const WINDOW_MONTHS = 3;

const PER_1000 = 12_000;

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const round = (x: number | null, digits: number): number | null =>
  x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** `YYYY-MM` → months since year 0. */
export function monthIndex(yearMonth: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  if (!m) throw new Error(`Cannot read year_month "${yearMonth}": expected YYYY-MM`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

type WindowSums = Record<
  | "member_months"
  | "er_visits"
  | "avoidable_er_visits_nyu"
  | "avoidable_er_paid_nyu"
  | "admissions"
  | "first_contact"
  | "condition_months",
  number
>;

function windowSums(rows: readonly CountsRow[]): WindowSums {
  const s: WindowSums = {
    member_months: 0,
    er_visits: 0,
    avoidable_er_visits_nyu: 0,
    avoidable_er_paid_nyu: 0,
    admissions: 0,
    first_contact: 0,
    condition_months: 0,
  };
  for (const r of rows) {
    s.member_months += r.member_months;
    s.er_visits += r.er_visits;
    s.avoidable_er_visits_nyu += r.avoidable_er_visits_nyu;
    s.avoidable_er_paid_nyu += r.avoidable_er_paid_nyu;
    s.admissions += r.admissions;
    s.first_contact += r.office_visits + r.telehealth_visits;
    s.condition_months += r.condition_months;
  }
  return s;
}

/** Monthly rates of one counts row (both avoidable-ER definitions side by side). */
function monthlyRates(r: CountsRow): Record<string, number | null> {
  const mm = r.member_months;
  return {
    pmpm: round(ratio(r.paid, mm), 2),
    allowed_pmpm: round(ratio(r.allowed, mm), 2),
    admissions_per_1000: round(ratio(r.admissions * PER_1000, mm), 3),
    er_per_1000: round(ratio(r.er_visits * PER_1000, mm), 3),
    er_admitted_share: round(ratio(r.er_admitted, r.er_visits), 4),
    avoidable_er_rate_proxy: round(ratio(r.avoidable_er_visits_proxy, r.er_visits), 4),
    avoidable_er_per_1000_proxy: round(ratio(r.avoidable_er_visits_proxy * PER_1000, mm), 3),
    avoidable_er_paid_pmpm_proxy: round(ratio(r.avoidable_er_paid_proxy, mm), 2),
    avoidable_er_rate_nyu: round(ratio(r.avoidable_er_visits_nyu, r.er_visits), 4),
    avoidable_er_per_1000_nyu: round(ratio(r.avoidable_er_visits_nyu * PER_1000, mm), 3),
    avoidable_er_paid_pmpm_nyu: round(ratio(r.avoidable_er_paid_nyu, mm), 2),
    er_unclassified_share: round(ratio(r.er_unclassified, r.er_visits), 4),
    chronic_member_share: round(ratio(r.chronic_member_months, mm), 4),
  };
}

/**
 * Builds the KPI rows. For company c and month t the window W is months t−2..t of c (months
 * without exposure contribute nothing). Per month t, over all companies' windows:
 *
 * - ER, avoidable-ER (NYU expected), admissions and first-contact (office + telehealth) rates are
 *   credibility-weighted (`credibility.ts`) toward the book rate of that window, per 1,000
 *   member-years (× 12,000 per member-month);
 * - avoidable share of ER = cred. avoidable rate / cred. ER rate;
 * - avoidable paid PMPM cred. = Z·(raw) + (1 − Z)·(book), Z of the avoidable-visit rate;
 * - ln(first contact / ER) from the two credibility-weighted rates;
 * - Garwood 95% intervals on the raw window ER and avoidable ER rates.
 *
 * Each IVI metric is then taken relative to the book's member-month weighted mean of the same month
 * (`relativeToBook`), z-scored against the book over months ≤ t (`expanding_z.ts`, weights = window
 * member-months) and scored by `ivi.ts`.
 */
export function scoreCompanyMonths(
  counts: readonly CountsRow[],
  options: { offset?: number } = {},
): KpiRow[] {
  const sorted = [...counts].sort((a, b) =>
    a.company_id < b.company_id
      ? -1
      : a.company_id > b.company_id
      ? 1
      : a.year_month < b.year_month
      ? -1
      : a.year_month > b.year_month
      ? 1
      : 0
  );
  const byCompany = Map.groupBy(sorted, (r) => r.company_id);
  const monthOf = new Map(sorted.map((r) => [r, monthIndex(r.year_month)]));
  const windows = sorted.map((r) => {
    const t = monthOf.get(r)!;
    const own = byCompany.get(r.company_id)!.filter((o) => {
      const m = monthOf.get(o)!;
      return m <= t && m > t - WINDOW_MONTHS;
    });
    return windowSums(own);
  });
  const rows: KpiRow[] = sorted.map((r) => ({ ...r, ...monthlyRates(r) }) as KpiRow);
  const byMonth = Map.groupBy(rows.map((_, i) => i), (i) => rows[i]!.year_month);
  // Between-company spread pooled over months ≤ t (as a squared coefficient of variation).
  const moments: Record<"er" | "avoid" | "adm" | "first", DispersionMoments[]> = {
    er: [],
    avoid: [],
    adm: [],
    first: [],
  };
  for (const month of [...byMonth.keys()].sort()) {
    const idx = byMonth.get(month)!;
    const prior = (key: keyof typeof moments, f: (w: WindowSums) => number) => {
      const groups = idx.map((i) => ({ events: f(windows[i]!), exposure: windows[i]!.member_months }));
      moments[key].push(dispersionMoments(groups));
      return pooledPrior(estimatePrior(groups).mean, moments[key]);
    };
    const pEr = prior("er", (w) => w.er_visits);
    const pAvoid = prior("avoid", (w) => w.avoidable_er_visits_nyu);
    const pAdm = prior("adm", (w) => w.admissions);
    const pFirst = prior("first", (w) => w.first_contact);
    const bookMm = idx.reduce((s, i) => s + windows[i]!.member_months, 0);
    const bookAvoidPaid = bookMm > 0
      ? idx.reduce((s, i) => s + windows[i]!.avoidable_er_paid_nyu, 0) / bookMm
      : 0;
    for (const i of idx) {
      const w = windows[i]!;
      const g = (events: number): Exposed => ({ events, exposure: w.member_months });
      const er = shrunkRate(g(w.er_visits), pEr);
      const avoid = shrunkRate(g(w.avoidable_er_visits_nyu), pAvoid);
      const first = shrunkRate(g(w.first_contact), pFirst);
      const zAvoid = credibility(w.member_months, pAvoid.k);
      const rawAvoidPaid = w.member_months > 0 ? w.avoidable_er_paid_nyu / w.member_months : bookAvoidPaid;
      const erCi = garwoodInterval(w.er_visits, w.member_months, { per: PER_1000 });
      const avCi = garwoodInterval(w.avoidable_er_visits_nyu, w.member_months, { per: PER_1000 });
      Object.assign(rows[i]!, {
        window_member_months: w.member_months,
        window_er_visits: w.er_visits,
        window_avoidable_er_visits_nyu: round(w.avoidable_er_visits_nyu, 6),
        er_per_1000_3m: round((w.er_visits / w.member_months) * PER_1000, 3),
        er_per_1000_3m_lower: round(erCi.lower, 3),
        er_per_1000_3m_upper: round(erCi.upper, 3),
        er_credibility: round(credibility(w.member_months, pEr.k), 4),
        er_per_1000_cred: round(er * PER_1000, 3),
        avoidable_er_per_1000_3m: round((w.avoidable_er_visits_nyu / w.member_months) * PER_1000, 3),
        avoidable_er_per_1000_3m_lower: round(avCi.lower, 3),
        avoidable_er_per_1000_3m_upper: round(avCi.upper, 3),
        avoidable_er_credibility: round(zAvoid, 4),
        avoidable_er_per_1000_cred: round(avoid * PER_1000, 3),
        avoidable_er_share_cred: round(er > 0 ? avoid / er : null, 4),
        avoidable_er_paid_pmpm_cred: round(zAvoid * rawAvoidPaid + (1 - zAvoid) * bookAvoidPaid, 2),
        admissions_per_1000_cred: round(shrunkRate(g(w.admissions), pAdm) * PER_1000, 3),
        conditions_per_member: round(w.condition_months / w.member_months, 4),
        first_contact_per_1000_cred: round(first * PER_1000, 3),
        first_contact_to_er_log: round(er > 0 && first > 0 ? Math.log(first / er) : null, 4),
      });
    }
  }
  // Book-relative values: each metric against the book's member-month weighted mean of the same
  // month (a ratio for rates, a difference for the log ratio), so book-wide seasonality and trend
  // do not move every company's score at once.
  for (const idx of byMonth.values()) {
    for (const m of IVI_METRICS) {
      let sw = 0;
      let swx = 0;
      for (const i of idx) {
        const x = rows[i]![m.name];
        if (typeof x !== "number") continue;
        sw += windows[i]!.member_months;
        swx += windows[i]!.member_months * x;
      }
      const book = sw > 0 ? swx / sw : null;
      for (const i of idx) {
        const x = rows[i]![m.name];
        rows[i]![`rel_${m.name}`] = round(
          relativeToBook(typeof x === "number" ? x : null, book, m.relative),
          6,
        );
      }
    }
  }
  const zs = IVI_METRICS.map((m) =>
    expandingZ(rows.map((r, i) => ({
      month: r.year_month,
      value: r[`rel_${m.name}`] as number | null,
      weight: windows[i]!.member_months,
    })))
  );
  rows.forEach((r, i) => {
    const z = Object.fromEntries(IVI_METRICS.map((m, j) => [m.name, zs[j]![i]]));
    if (IVI_METRICS.every((m) => z[m.name] === null)) {
      // Nothing to score (e.g. a book without any ER visit, admission or office visit yet): the
      // company-month keeps its KPIs and has no IVI or band.
      for (const key of [...IVI_METRICS.map((m) => `score_${m.name}`), ...UNSCORED]) r[key] = null;
      return;
    }
    const score = scoreIvi(z, options);
    for (const m of IVI_METRICS) r[`score_${m.name}`] = round(score.metrics[m.name] ?? null, 3);
    r.ivi_u = round(score.components.U, 3);
    r.ivi_h = round(score.components.H, 3);
    r.ivi_e = round(score.components.E, 3);
    r.contribution_u = round(score.contributions.U, 3);
    r.contribution_h = round(score.contributions.H, 3);
    r.contribution_e = round(score.contributions.E, 3);
    r.ivi = round(score.ivi, 3);
    r.risk_band = score.band;
  });
  return rows;
}
