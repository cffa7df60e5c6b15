/**
 * The rule library: deterministic answers built only from a {@linkcode Context} and its intervention
 * lines. It answers whenever no model is configured and whenever a model's reply fails the check, so its
 * answers pass the same check (every number written is a context figure).
 */
import type { Action, Answer, Context } from "./schema.ts";

/**
 * A figure as written in answers: integers with thousands separators, others to at most 2 decimals.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(formatFigure(1250000), "1,250,000");
 * assert.equal(formatFigure(0.125), "0.13");
 * ```
 */
export function formatFigure(x: number): string {
  if (Number.isInteger(x)) return String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return String(Number(x.toFixed(2)));
}

/** A rate in [0, 1] as a whole percentage. */
function percent(x: number): string {
  return `${(x * 100).toFixed(0)}%`;
}

function libraryActions(context: Context, limit = 3): Action[] {
  return context.library.slice(0, limit).map((l) => ({ action: l.action, why: l.mechanism }));
}

function weakMeasure(context: Context): Answer {
  const f = context.figures;
  const name = context.facts.measure_name ?? context.facts.measure_key ?? context.subject_id;
  const used = ["weight", "members_needed", "overall_star_effect", "dollar_effect"].filter((k) => k in f);
  const needed = f.members_needed;
  const actions = libraryActions(context);
  if (needed !== undefined) {
    actions.unshift({
      action: `Work the list of open gaps until ${formatFigure(needed)} more members meet ${name}`,
      why: "That is the number of members the measure needs for its next star",
    });
  }
  return {
    actions,
    rationale: `${name} ` + ([
      f.weight !== undefined ? `carries weight ${formatFigure(f.weight)} in the overall rating` : undefined,
      needed !== undefined ? `needs ${formatFigure(needed)} more members for its next star` : undefined,
    ].filter((p) => p !== undefined).join(" and ") || "is below its next star") + ".",
    expected_effect: f.overall_star_effect !== undefined
      ? `Reaching the next star changes the overall rating by ${formatFigure(f.overall_star_effect)}` +
        (f.dollar_effect !== undefined ? ` and the quality bonus by $${formatFigure(f.dollar_effect)}.` : ".")
      : "A higher measure star raises the weighted summary rating.",
    figures_used: used,
    source: "rules",
  };
}

function company(context: Context): Answer {
  const f = context.figures;
  const drivers = Object.keys(context.facts).filter((k) => /^driver_\d+$/.test(k));
  const used = ["probability", "risk_rank", ...drivers.map((d) => `${d}_log_odds`)].filter((k) => k in f);
  const top = drivers[0];
  return {
    actions: libraryActions(context),
    rationale:
      `The model gives ${context.facts.company_id ?? context.subject_id} a ${percent(f.probability ?? 0)}` +
      ` chance of being high-risk in ${context.facts.year_month ?? "the next month"}` +
      (f.risk_rank !== undefined ? ` (rank ${formatFigure(f.risk_rank)})` : "") +
      (drivers.length > 0 ? `; its drivers are ${drivers.map((d) => context.facts[d]).join(", ")}.` : "."),
    expected_effect: top
      ? `Acting on ${context.facts[top]} targets the largest addition to the predicted risk ` +
        `(${formatFigure(f[`${top}_log_odds`] ?? 0)} log-odds).`
      : "Acting on the drivers lowers the predicted risk.",
    figures_used: used,
    source: "rules",
  };
}

function gapKeys(context: Context): string[] {
  return Object.keys(context.facts).filter((k) => /^gap_\d+$/.test(k));
}

function member(context: Context, question = ""): Answer {
  const f = context.figures;
  const q = question.toLowerCase();
  const gaps = gapKeys(context);
  // A question naming one gap (by key or name) gets that gap first.
  const asked = new Set(q.split(/[^a-z0-9_]+/));
  const named = gaps.filter((g) =>
    asked.has(context.facts[g]!.toLowerCase()) ||
    (context.facts[`${g}_name`] ?? "").toLowerCase().split(/[^a-z]+/).some((w) =>
      w.length >= 5 && asked.has(w)
    )
  );
  const order = [...named, ...gaps.filter((g) => !named.includes(g))];
  const byKey = new Map(context.library.map((l) => [l.key, l]));
  const actions: Action[] = order.slice(0, 3).map((g) => {
    const line = byKey.get(context.facts[g]!) ?? byKey.get("*");
    const days = f[`${g}_days_left`];
    return {
      action: line?.action ?? `Close the ${context.facts[`${g}_name`]} gap`,
      why: (line?.mechanism ?? "An open gap counts against the measure") +
        (days !== undefined ? ` (${formatFigure(days)} days left)` : ""),
    };
  });
  const reasons = Object.keys(context.facts).filter((k) => /^reason_\d+$/.test(k));
  const used = ["open_gaps", ...order.slice(0, 3).map((g) => `${g}_days_left`), "risk_score"]
    .filter((k) => k in f);
  if (reasons[0]) used.push(`${reasons[0]}_value`);
  return {
    actions: actions.length > 0
      ? actions
      : [{ action: "Confirm at the next contact that no screening or refill is due", why: "No gap is open" }],
    rationale: `This member has ${formatFigure(f.open_gaps ?? 0)} open gap(s)` +
      (order.length > 0 ? `: ${order.map((g) => context.facts[`${g}_name`]).join(", ")}` : "") +
      (reasons[0]
        ? `. Top risk reason: ${context.facts[reasons[0]]} (${formatFigure(f[`${reasons[0]}_value`] ?? 0)}).`
        : "."),
    expected_effect: order.length > 0
      ? `Each gap closed counts toward its measure's rate this year.`
      : "No measure effect: nothing is open.",
    figures_used: used,
    source: "rules",
  };
}

/** The rule library's recommendation for a context. */
export function ruleRecommend(context: Context): Answer {
  switch (context.subject_type) {
    case "weak_measure":
      return weakMeasure(context);
    case "company":
      return company(context);
    case "member":
      return member(context);
    default:
      throw new Error(`invalid subject type: ${(context as Context).subject_type}`);
  }
}

const SCOPE_WORDS =
  /\b(gaps?|measures?|screen\w*|exams?|tests?|visits?|medications?|meds|refills?|adheren\w*|statins?|risk|reasons?|outreach|call|appointments?|follow[- ]?up|care|next steps?|close|closing|plan|stars?|mammogram|colonoscopy|fit|a1c|hba1c|blood pressure|eye|kidney|diabetes|discharge|readmission|priorit\w*|this member|the member)\b/i;
const OUT_OF_SCOPE =
  /\b(other members?|all members|every member|list (the |all )?members|who else|members? named|ssn|social security|home address|phone number|date of birth|password|ignore (all |the )?(previous|prior|above)|system prompt|instructions)\b/i;

/** Whether a caretaker's question is about this member's care and plan (not other people or other topics). */
export function inScope(question: string): boolean {
  return SCOPE_WORDS.test(question) && !OUT_OF_SCOPE.test(question);
}

/** The refusal given to a question outside the member/plan scope. */
export function refusal(source = "rules"): Answer {
  return {
    actions: [],
    rationale: "I can only answer questions about this member's care gaps, risk reasons and next steps.",
    expected_effect: "",
    figures_used: [],
    source,
    refused: true,
  };
}

/** The rule library's answer to a caretaker's question about the member in `context`. */
export function ruleAnswer(question: string, context: Context): Answer {
  if (!inScope(question)) return refusal();
  return context.subject_type === "member" ? member(context, question) : ruleRecommend(context);
}
