/**
 * The shapes every recommendation and assistant answer share, whoever wrote them (the Gemini model or
 * the rule library), and the check a model's reply must pass before anyone sees it.
 */

/** What an answer is about. */
export type SubjectType = "weak_measure" | "company" | "member";

/**
 * The structured context handed to the client: named figures (the only numbers an answer may use),
 * short facts (keys, names, reasons) and the intervention library lines that apply.
 */
export interface Context {
  subject_type: SubjectType;
  subject_id: string;
  /** The data's as-of date (`YYYY-MM-DD`), never the wall clock. */
  as_of: string;
  facts: Record<string, string>;
  figures: Record<string, number>;
  /** Intervention library lines (action and why) relevant to this subject. */
  library: ReadonlyArray<{ key: string; action: string; mechanism: string }>;
}

/** One recommended action. */
export interface Action {
  action: string;
  why: string;
}

/** A schema-checked answer. `source` is `rules` or the model name; `note` says why rules answered. */
export interface Answer {
  actions: Action[];
  rationale: string;
  expected_effect: string;
  /** Names of context figures the answer relies on. */
  figures_used: string[];
  source: string;
  note?: string;
  /** True when the assistant declined a question outside the member/plan scope. */
  refused?: boolean;
}

/** The JSON schema sent to the model as `responseJsonSchema` (same fields as {@linkcode Answer}). */
export const ANSWER_JSON_SCHEMA = {
  type: "object",
  properties: {
    actions: {
      type: "array",
      minItems: 1,
      maxItems: 5,
      items: {
        type: "object",
        properties: { action: { type: "string" }, why: { type: "string" } },
        required: ["action", "why"],
      },
    },
    rationale: { type: "string" },
    expected_effect: { type: "string" },
    figures_used: { type: "array", items: { type: "string" } },
  },
  required: ["actions", "rationale", "expected_effect", "figures_used"],
} as const;

const MAX_TEXT = 600;
const UNSAFE = [
  /https?:\/\//i,
  /www\./i,
  /<\s*\/?\s*[a-z!]/i,
  /javascript:/i,
  /\]\(/,
  /ignore (all |the )?(previous|prior|above) instructions/i,
  /system prompt/i,
  /@[a-z0-9-]+\.[a-z]/i,
];

/** A number as written in text: not part of a code like `C01` or `H9901`. */
const NUMBER = /(?<![\w.])\d+(?:[.,]\d+)*(?:\.\d+)?(?![\w])/g;

/**
 * The numbers written in `text` (thousands separators removed); codes such as `C01` or `H9901` are not numbers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(numbersIn("C01 needs 37 members for $1,250,000"), [37, 1250000]);
 * ```
 */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(NUMBER)].map((m) => Number(m[0].replaceAll(",", "")))
    .filter((n) => Number.isFinite(n));
}

/**
 * Whether `n`, as written, matches a context figure: equal to the figure rounded to the number of
 * decimals written, or to the figure × 100 so rounded (rates written as percentages), or to a number in
 * the facts or library text the context carried.
 */
export function matchesContext(n: number, written: string, context: Context): boolean {
  const decimals = written.includes(".") ? written.split(".")[1]!.length : 0;
  const round = (x: number) => Number(Math.abs(x).toFixed(decimals));
  for (const value of Object.values(context.figures)) {
    if (round(value) === n || round(value * 100) === n) return true;
  }
  return allowedTextNumbers(context).has(n);
}

function allowedTextNumbers(context: Context): Set<number> {
  const texts = [
    ...Object.values(context.facts),
    ...context.library.flatMap((l) => [l.action, l.mechanism]),
  ];
  return new Set(texts.flatMap(numbersIn));
}

function isText(value: unknown, min = 1): value is string {
  return typeof value === "string" && value.trim().length >= min && value.length <= MAX_TEXT;
}

/** Why a reply failed the check, or the checked answer. */
export type Checked = { ok: true; answer: Answer } | { ok: false; reason: string };

/**
 * Checks a model's reply text against the schema and the context it was given: JSON object with
 * 1–5 actions, non-empty rationale and expected effect, `figures_used` naming at least one context
 * figure and only context figures, every number in the text matching a context figure, no links,
 * markup, addresses or instruction-talk.
 */
export function checkReply(text: string, context: Context, source: string): Checked {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the reply is not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "the reply is not a JSON object" };
  }
  const r = value as Record<string, unknown>;
  if (!Array.isArray(r.actions) || r.actions.length < 1 || r.actions.length > 5) {
    return { ok: false, reason: "actions must be a list of 1 to 5 items" };
  }
  const actions: Action[] = [];
  for (const [i, a] of r.actions.entries()) {
    const item = a as Record<string, unknown> | null;
    if (typeof item !== "object" || item === null || !isText(item.action) || !isText(item.why)) {
      return { ok: false, reason: `actions[${i}] needs non-empty "action" and "why" texts` };
    }
    actions.push({ action: item.action.trim(), why: item.why.trim() });
  }
  if (!isText(r.rationale) || !isText(r.expected_effect)) {
    return { ok: false, reason: "rationale and expected_effect must be non-empty texts" };
  }
  const used = r.figures_used;
  if (!Array.isArray(used) || used.length === 0 || !used.every((f) => typeof f === "string")) {
    return { ok: false, reason: "figures_used must name at least one figure" };
  }
  // Reasons never quote the reply: they reach logs and the reader's note.
  const unknown = used.filter((f) => !(f in context.figures));
  if (unknown.length > 0) {
    return { ok: false, reason: `figures_used names ${unknown.length} unknown figure(s)` };
  }
  const answer: Answer = {
    actions,
    rationale: r.rationale.trim(),
    expected_effect: r.expected_effect.trim(),
    figures_used: [...new Set(used as string[])],
    source,
  };
  const problem = textProblem(answer, context);
  return problem ? { ok: false, reason: problem } : { ok: true, answer };
}

/** The first problem with an answer's texts (unsafe content, invented numbers), or undefined. */
export function textProblem(answer: Answer, context: Context): string | undefined {
  const texts: [string, string][] = [
    ["rationale", answer.rationale],
    ["expected_effect", answer.expected_effect],
    ...answer.actions.flatMap((a, i): [string, string][] => [
      [`actions[${i}].action`, a.action],
      [`actions[${i}].why`, a.why],
    ]),
  ];
  for (const [field, text] of texts) {
    if (UNSAFE.some((p) => p.test(text))) {
      return `unsafe content (link, markup, address or instructions) in ${field}`;
    }
    for (const m of text.matchAll(NUMBER)) {
      const written = m[0].replaceAll(",", "");
      if (!matchesContext(Number(written), written, context)) {
        return `a number in ${field} is not a context figure`;
      }
    }
  }
  return undefined;
}
