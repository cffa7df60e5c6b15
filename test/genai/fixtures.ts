/** Hand-made contexts and rows for the generative tests. */
import { companyContext, memberContext, weakMeasureContext } from "../../loaders/genai/contexts.ts";
import { type Intervention, LIBRARY_PATH, parseLibrary } from "../../loaders/genai/library.ts";

/** The shipped intervention library. */
export const LIBRARY: Intervention[] = parseLibrary(Deno.readTextFileSync(LIBRARY_PATH));

/** The as-of date of the fixtures. */
export const AS_OF = "2026-06-30";

/** A weak measure: breast cancer screening of H9901. */
export const BCS = weakMeasureContext(
  {
    contract_id: "H9901",
    measure_key: "bcs",
    measure_name: "Breast Cancer Screening",
    weight: 1,
    members_needed: 37,
    overall_star_effect: 0.5,
    dollar_effect: 1250000,
  },
  LIBRARY,
  AS_OF,
);

/** A high-risk company with two drivers. */
export const ACME = companyContext(
  {
    company_id: "CO-0042",
    year_month: "2026-07",
    probability: 0.734,
    risk_rank: 2,
    drivers: [{ feature: "er_visits_per_1000", log_odds: 0.41 }, {
      feature: "pharmacy_pmpm",
      log_odds: 0.17,
    }],
  },
  LIBRARY,
  AS_OF,
);

/** A member with two open gaps and one risk reason. */
export const MEMBER = memberContext(
  {
    gaps: [
      { measure_key: "col", measure_name: "Colorectal Cancer Screening", days_left: 184 },
      { measure_key: "pdc_statins", measure_name: "Medication Adherence for Cholesterol (Statins)" },
    ],
    risk_score: 0.62,
    reasons: [{ reason: "2 ED visits in 90 days", value: 2 }],
  },
  LIBRARY,
  AS_OF,
);

/** A valid model reply for {@linkcode BCS}. */
export const GOOD_BCS_REPLY = JSON.stringify({
  actions: [{
    action: "Mail screening reminders to the 37 members with open gaps",
    why: "They close the gap",
  }],
  rationale: "Breast Cancer Screening needs 37 more members for its next star.",
  expected_effect: "The overall rating would rise by 0.5.",
  figures_used: ["members_needed", "overall_star_effect"],
});
