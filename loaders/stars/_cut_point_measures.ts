/**
 * The 2026 non-CAHPS measures whose cut points come from clustering, with what the computation
 * needs: pools, direction, display precision, scale and guardrail eligibility (CMS Technical Notes
 * 2026: measure pages, Attachment J history, Attachment K). The Part C and Part D quality
 * improvement measures (C30, D04) cluster negatives and non-negatives separately and are not
 * covered here; CAHPS measures use percentiles and significance tests instead.
 */
import type { Direction } from "../../src/lib/stars/catalogue.ts";
import type { Pool } from "./_read_scores.ts";

export interface CutPointMeasure {
  measureId: string;
  pools: Pool[];
  direction: Direction;
  /** decimals shown in the Data Tables */
  precision: number;
  /** "percent": 0–100 scale, 5-point guardrail cap; "rate": ≥ 0 (per 1,000 members), restricted-range cap */
  scale: "percent" | "rate";
  /**
   * First Star Ratings year of the measure's current specification (2022 stands for "2022 or
   * earlier"); guardrails apply from its fourth year.
   */
  firstYear: number;
}

const percent = (measureId: string, firstYear = 2022, direction: Direction = "higher"): CutPointMeasure => ({
  measureId,
  pools: ["MA-PD"],
  direction,
  precision: 0,
  scale: "percent",
  firstYear,
});
const partD = (m: CutPointMeasure): CutPointMeasure => ({ ...m, pools: ["MA-PD", "PDP"] });
const complaints = (measureId: string): CutPointMeasure => ({
  measureId,
  pools: ["MA-PD"],
  direction: "lower",
  precision: 2,
  scale: "rate",
  firstYear: 2022,
});

/** 2026: C04, C05 (respecified) and C13 are new; C18 (respecified), C20 and C21 entered in 2024. */
export const CUT_POINT_MEASURES_2026: readonly CutPointMeasure[] = [
  percent("C01"),
  percent("C02"),
  percent("C04", 2026),
  percent("C05", 2026),
  percent("C06"),
  percent("C07"),
  percent("C08"),
  percent("C09"),
  percent("C10"),
  percent("C11"),
  percent("C12"),
  percent("C13", 2026),
  percent("C14", 2023),
  percent("C15"),
  percent("C16"),
  percent("C17"),
  percent("C18", 2024, "lower"),
  percent("C19"),
  percent("C20", 2024),
  percent("C21", 2024),
  complaints("C28"),
  percent("C29", 2022, "lower"),
  percent("C31"),
  percent("C32"),
  percent("C33"),
  partD(percent("D01")),
  { ...partD(complaints("D02")) },
  partD(percent("D03", 2022, "lower")),
  partD(percent("D07")),
  partD(percent("D08")),
  partD(percent("D09")),
  partD(percent("D10")),
  partD(percent("D11")),
  partD(percent("D12")),
];
