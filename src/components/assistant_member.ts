// What a care page passes to the assistant for one member: only the fields the endpoint keeps (open gaps,
// risk score, risk reasons), never the member id, name or any other column of the page's rows.

/** A `care_member_risk` row as the care pages read it (grain: one member). */
export interface MemberRiskRow {
  probability?: number | null;
  reason_1?: string | null;
  reason_2?: string | null;
  reason_3?: string | null;
}

/** A `care_gaps` row as the care pages read it (grain: one member and measure). */
export interface MemberGapRow {
  measure_key: string;
  measure_name: string;
}

/** The member object of `POST /api/assistant`. */
export interface AssistantMember {
  gaps: { measure_key: string; measure_name: string }[];
  risk_score?: number;
  reasons: { reason: string; value: number }[];
}

/**
 * The number a reason is about: a percentage as a fraction ("lowest drug-class supply coverage 45% …" →
 * 0.45), else the count it starts with ("2 ER visit(s) …" → 2) or the age ("age 78" → 78), else 1 for a
 * reason that names a feature present ("no primary-care visit in 6 months": the 6 is part of its name).
 */
export function reasonValue(reason: string): number {
  const percent = /(\d+(?:\.\d+)?)\s*%/.exec(reason);
  if (percent) return Number(percent[1]) / 100;
  const leading = /^(?:age\s+)?(\d+(?:\.\d+)?)\b/.exec(reason);
  return leading ? Number(leading[1]) : 1;
}

/**
 * The assistant's member object from the member's risk row and gap rows: the gaps (key and name, one per
 * measure, in the order given), the 3-month risk probability as `risk_score`, and the non-empty reasons.
 */
export function assistantMember(
  risk: MemberRiskRow | undefined,
  gaps: readonly MemberGapRow[],
): AssistantMember {
  const seen = new Set<string>();
  const uniqueGaps = gaps.filter((g) => !seen.has(g.measure_key) && seen.add(g.measure_key))
    .slice(0, 20)
    .map((g) => ({ measure_key: g.measure_key, measure_name: g.measure_name }));
  const reasons = [risk?.reason_1, risk?.reason_2, risk?.reason_3]
    .filter((r): r is string => typeof r === "string" && r.trim() !== "")
    .map((reason) => ({ reason, value: reasonValue(reason) }));
  const probability = risk?.probability;
  return {
    gaps: uniqueGaps,
    ...(typeof probability === "number" && Number.isFinite(probability) ? { risk_score: probability } : {}),
    reasons,
  };
}
