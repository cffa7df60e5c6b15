// Plain-language names of the next-month risk model's features, for the Prediction center.

/** Feature column → label shown on pages. */
export const FEATURE_LABELS: Readonly<Record<string, string>> = {
  log_member_months: "Company size (log member-months)",
  window_member_months: "Member-months, 3-month window",
  ivi: "IVI this month",
  ivi_u: "IVI utilization component (U)",
  ivi_h: "IVI health-burden component (H)",
  ivi_e: "IVI engagement component (E)",
  ivi_lag1: "IVI last month",
  ivi_lag2: "IVI two months ago",
  ivi_change_3m: "IVI change over 3 months",
  ivi_trend_6m: "IVI trend over 6 months (points/month)",
  high_months_6m: "Months in High risk, last 6",
  er_per_1000_cred: "ER visits per 1,000 (credibility-weighted)",
  avoidable_er_per_1000_cred: "Avoidable ER per 1,000 (credibility-weighted)",
  avoidable_er_share_cred: "Avoidable share of ER visits",
  avoidable_er_paid_pmpm_cred: "Avoidable ER paid PMPM",
  admissions_per_1000_cred: "Admissions per 1,000 (credibility-weighted)",
  first_contact_to_er_log: "Office + telehealth vs ER (log ratio)",
  er_per_1000_cred_change_3m: "ER rate change over 3 months",
  er_admitted_share: "Share of ER visits admitted",
  pmpm: "Total paid PMPM",
  month_of_year: "Calendar month",
  respiratory_season: "Respiratory season (Dec–Feb)",
  high_risk_now: "High risk this month",
};

/** The label of a feature column, or the column name when it has none. */
export function featureLabel(feature: string): string {
  return FEATURE_LABELS[feature] ?? feature;
}

/**
 * A driver in words: its label and its contribution to the log-odds, signed (+ raises the risk,
 * − lowers it), e.g. `IVI this month (+0.84)`.
 */
export function driverText(feature: string | null, contribution: number | null): string {
  if (feature === null || contribution === null) return "";
  const sign = contribution >= 0 ? "+" : "−";
  return `${featureLabel(feature)} (${sign}${Math.abs(contribution).toFixed(2)})`;
}
