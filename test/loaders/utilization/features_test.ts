import assert from "node:assert/strict";
import { companyMonthFeatures, FEATURES, slope } from "../../../loaders/utilization/features.ts";
import type { KpiRow } from "../../../loaders/utilization/score.ts";

/** A KPI row with only what the features read. */
const kpi = (company_id: string, year_month: string, ivi: number, er: number): KpiRow =>
  ({
    company_id,
    year_month,
    member_months: 100,
    window_member_months: 300,
    ivi,
    ivi_u: ivi,
    ivi_h: ivi,
    ivi_e: ivi,
    risk_band: ivi < 55 ? "High" : ivi < 70 ? "Medium" : "Low",
    er_per_1000_cred: er,
  }) as unknown as KpiRow;

Deno.test("slope()", () => {
  // points (0, 1), (1, 3), (2, 5): slope 2; fewer than 3 points: null
  assert.equal(slope([[0, 1], [1, 3], [2, 5]]), 2);
  assert.equal(slope([[0, 1], [1, 3]]), null);
});

Deno.test("companyMonthFeatures()", async (t) => {
  // C1: Jan 80, Feb 60, Mar 50 (High), Apr 40 (High), Jun 75 (May missing); C2: Jan 90
  const rows = companyMonthFeatures([
    kpi("C1", "2024-01", 80, 100),
    kpi("C1", "2024-02", 60, 110),
    kpi("C1", "2024-03", 50, 150),
    kpi("C1", "2024-04", 40, 180),
    kpi("C1", "2024-06", 75, 120),
    kpi("C2", "2024-01", 90, 90),
  ]);
  const at = (c: string, m: string) => rows.find((r) => r.company_id === c && r.year_month === m)!;
  await t.step("lags and 3-month changes use past months only", () => {
    const apr = at("C1", "2024-04");
    assert.equal(apr.ivi_lag1, 50);
    assert.equal(apr.ivi_lag2, 60);
    assert.equal(apr.ivi_change_3m, -40); // 40 − 80
    assert.equal(apr.er_per_1000_cred_change_3m, 80); // 180 − 100
    // IVI 80, 60, 50, 40 at months 0..3: slope = Σ(x − 1.5)(y − 57.5)/Σ(x − 1.5)² = −65/5 = −13
    assert.equal(apr.ivi_trend_6m, -13);
    assert.equal(apr.high_months_6m, 2); // Mar, Apr
    assert.equal(at("C1", "2024-01").ivi_lag1, null);
    // Jun: May is missing → lag1 null, lag2 = Apr
    assert.equal(at("C1", "2024-06").ivi_lag1, null);
    assert.equal(at("C1", "2024-06").ivi_lag2, 40);
  });
  await t.step("targets: high_risk_now and next month's band", () => {
    assert.equal(at("C1", "2024-02").high_risk_now, 0);
    assert.equal(at("C1", "2024-02").high_risk_next, 1); // March is High
    assert.equal(at("C1", "2024-04").high_risk_now, 1);
    assert.equal(at("C1", "2024-04").high_risk_next, null); // no May row
    assert.equal(at("C1", "2024-06").high_risk_next, null); // last month
    assert.equal(at("C2", "2024-01").high_risk_next, null); // company left
  });
  await t.step("every documented feature is a column, and nothing else but keys and targets", () => {
    const columns = Object.keys(rows[0]!).sort();
    const documented = [
      ...FEATURES.map(([name]) => name),
      "company_id",
      "year_month",
      "member_months",
      "high_risk_now",
      "high_risk_next",
    ]
      .sort();
    assert.deepEqual(columns, documented);
  });
  await t.step("calendar features", () => {
    assert.equal(at("C1", "2024-01").respiratory_season, 1);
    assert.equal(at("C1", "2024-04").respiratory_season, 0);
    assert.equal(at("C1", "2024-06").month_of_year, 6);
  });
});
