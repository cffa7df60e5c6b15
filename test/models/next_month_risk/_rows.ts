import type { FeatureRow } from "../../../models/next_month_risk/feature_rows.ts";

/** A feature row with defaults, for hand-built fixtures. */
export function row(
  companyId: string,
  yearMonth: string,
  x: number[] | null,
  highRiskNext: 0 | 1 | null,
  highRiskNow: 0 | 1 = 0,
): FeatureRow {
  return { companyId, yearMonth, memberMonths: 100, x, highRiskNow, highRiskNext };
}
