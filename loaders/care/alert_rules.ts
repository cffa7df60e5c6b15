/**
 * Care alerts: what happened since last month that a caretaker should act on. Each rule is a
 * pure function of facts and the alert window (`start`, `end`], the month up to the data's last
 * day; an alert belongs to the window when its trigger date falls in it.
 */
import { type Tier, tierRank } from "../../models/patient_risk/tiers.ts";

/** Alert kinds, in the order the feed lists them. */
export const ALERT_RULES = [
  "er_visit_high_risk",
  "discharge_without_follow_up",
  "gap_near_deadline",
  "adherence_below_threshold",
  "tier_up",
] as const;
export type AlertRule = typeof ALERT_RULES[number];

/** One alert. Dates are `YYYY-MM-DD`. */
export interface Alert {
  memberId: string;
  rule: AlertRule;
  alertDate: string;
  measureKey: string | null;
  detail: string;
}

/** The alert window: dates d with start < d ≤ end. */
export interface AlertWindow {
  start: string;
  end: string;
}

const DAY = 86_400_000;
const toDay = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY;
const fromDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
/** `d` plus `n` days. */
export function addDays(d: string, n: number): string {
  return fromDay(toDay(d) + n);
}
/** `d` minus `n` calendar months, clamped to the month's last day. */
export function minusMonths(d: string, n: number): string {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromDay(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last)) / DAY);
}
const inWindow = (d: string, w: AlertWindow) => d > w.start && d <= w.end;

/** The month before and including `asOf`: (asOf − 1 month, asOf]. */
export function monthWindow(asOf: string): AlertWindow {
  return { start: minusMonths(asOf, 1), end: asOf };
}

/** ER visit by a member in the high tier: trigger = the visit date. */
export function erVisitHighRisk(
  visits: readonly { memberId: string; visitDate: string }[],
  tierOf: ReadonlyMap<string, Tier>,
  w: AlertWindow,
): Alert[] {
  return visits.filter((v) => inWindow(v.visitDate, w) && tierOf.get(v.memberId) === "high").map((v) => ({
    memberId: v.memberId,
    rule: "er_visit_high_risk",
    alertDate: v.visitDate,
    measureKey: null,
    detail: `ER visit on ${v.visitDate} by a high-risk member`,
  }));
}

/**
 * Discharge without a primary-care contact on days 0–7 after it: trigger = discharge + 7 days,
 * when the follow-up window has closed without a visit.
 */
export function dischargeWithoutFollowUp(
  stays: readonly { memberId: string; dischargeDate: string; followUpDate: string | null }[],
  w: AlertWindow,
): Alert[] {
  return stays.flatMap((s) => {
    const trigger = addDays(s.dischargeDate, 7);
    const followed = s.followUpDate !== null && s.followUpDate <= trigger &&
      s.followUpDate >= s.dischargeDate;
    if (followed || !inWindow(trigger, w)) return [];
    return [{
      memberId: s.memberId,
      rule: "discharge_without_follow_up" as const,
      alertDate: trigger,
      measureKey: null,
      detail: `Discharged ${s.dischargeDate}; no follow-up visit within 7 days`,
    }];
  });
}

/**
 * An open gap that came within `months` (3) of its due date: trigger = max(due − 3 months, the
 * day the gap opened — the index event of an event-based measure), and the due date not passed.
 */
export function gapNearDeadline(
  gaps: readonly { memberId: string; measureKey: string; dueDate: string; openedDate: string | null }[],
  w: AlertWindow,
  months = 3,
): Alert[] {
  return gaps.flatMap((g) => {
    const near = minusMonths(g.dueDate, months);
    const trigger = g.openedDate !== null && g.openedDate > near ? g.openedDate : near;
    if (g.dueDate < w.end || !inWindow(trigger, w)) return [];
    return [{
      memberId: g.memberId,
      rule: "gap_near_deadline" as const,
      alertDate: trigger,
      measureKey: g.measureKey,
      detail: `Open ${g.measureKey} gap due ${g.dueDate}`,
    }];
  });
}

/**
 * PDC now below `threshold` (0.8) but at or above it at the window start. The earlier PDC is
 * estimated from today's: the window's days come off the period and the covered days in the
 * window (from its start to the last day the supply covered) off the covered days,
 *
 *   PDC₋ = (covered − c_w) / (days − w),   c_w = clamp(lastCovered − start, 0, w),
 *
 * assuming the days in the window before the supply ran out were covered. Periods shorter than
 * the window are skipped.
 */
export function adherenceBelowThreshold(
  rows: readonly {
    memberId: string;
    measureKey: string;
    pdc: number;
    daysCovered: number;
    daysInPeriod: number;
    lastCoveredDate: string | null;
  }[],
  w: AlertWindow,
  threshold = 0.8,
): Alert[] {
  const windowDays = toDay(w.end) - toDay(w.start);
  return rows.flatMap((r) => {
    if (r.pdc >= threshold || r.daysInPeriod <= windowDays) return [];
    const last = r.lastCoveredDate === null ? -Infinity : toDay(r.lastCoveredDate);
    const coveredInWindow = Math.min(windowDays, Math.max(0, last - toDay(w.start)));
    const before = (r.daysCovered - coveredInWindow) / (r.daysInPeriod - windowDays);
    if (before < threshold) return [];
    return [{
      memberId: r.memberId,
      rule: "adherence_below_threshold" as const,
      alertDate: r.lastCoveredDate && inWindow(addDays(r.lastCoveredDate, 1), w)
        ? addDays(r.lastCoveredDate, 1)
        : w.end,
      measureKey: r.measureKey,
      detail: `${r.measureKey} PDC fell from about ${Math.round(before * 100)}% to ${
        Math.round(r.pdc * 100)
      }%`,
    }];
  });
}

/** A member whose tier moved up (low < moderate < rising < high) since last quarter's score. */
export function tierUp(
  scores: readonly { memberId: string; tier: Tier; tierPrevious: Tier | null }[],
  w: AlertWindow,
): Alert[] {
  return scores.filter((s) => s.tierPrevious !== null && tierRank(s.tier) > tierRank(s.tierPrevious)).map((
    s,
  ) => ({
    memberId: s.memberId,
    rule: "tier_up" as const,
    alertDate: w.end,
    measureKey: null,
    detail: `Risk tier ${s.tierPrevious} → ${s.tier}`,
  }));
}
