/**
 * What leaves the server about a member: the assistant's request from a care page is reduced to an
 * allow-list of care fields (open gaps by measure, risk score, risk reasons), and the question and the
 * kept texts have identifiers replaced by `[removed]`: e-mail addresses, phone numbers, SSNs, Medicare
 * Beneficiary Identifiers, dates, street addresses, ZIP codes, and the member's own id, name and address
 * as the page sent them. Everything else (notes, free text, other fields) is dropped, never forwarded.
 */
import type { MemberCareContext } from "./contexts.ts";

/** The replacement for an identifier. */
export const REMOVED = "[removed]";

const PATTERNS: RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  /\b\d{3}-\d{2}-\d{4}\b/g,
  /(\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g,
  // Medicare Beneficiary Identifier: 11 characters, digit first, e.g. 1EG4-TE5-MK73.
  /\b[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}\b/gi,
  /\b\d{4}-\d{2}-\d{2}\b/g,
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b/gi,
  /\b\d{1,6} [A-Za-z0-9.' ]{1,40}? (street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|circle)\b\.?/gi,
  /\b\d{5}(-\d{4})?\b/g,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces identifiers in `text`: the patterns above and each of `known` (the member's id, name words,
 * address), matched case-insensitively as whole words. Returns the text and how many were replaced.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(redactText("Call Ann at 555-867-5309", ["Ann Lee"]).text, "Call [removed] at [removed]");
 * ```
 */
export function redactText(text: string, known: readonly string[] = []): { text: string; removed: number } {
  let removed = 0;
  let out = text;
  const words = known.flatMap((k) => k.split(/[\s,]+/)).filter((w) => w.length >= 2);
  const all = [
    ...known.filter((k) => k.trim().length >= 2).map((k) =>
      new RegExp(`\\b${escapeRegExp(k.trim())}\\b`, "gi")
    ),
    ...words.map((w) => new RegExp(`(?<![\\w-])${escapeRegExp(w)}(?![\\w-])`, "gi")),
    ...PATTERNS,
  ];
  for (const pattern of all) {
    out = out.replace(pattern, () => {
      removed++;
      return REMOVED;
    });
  }
  return { text: out, removed };
}

/** The identifying values a page may send with a member (used only to remove them). */
const IDENTIFYING = [
  "member_id",
  "name",
  "first_name",
  "last_name",
  "birth_date",
  "address",
  "phone",
  "email",
];

/** A bad assistant request: which field, what was wrong. */
export class RequestError extends Error {}

function text(value: unknown, field: string, max = 120): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > max) {
    throw new RequestError(`${field} must be a non-empty text of at most ${max} characters`);
  }
  return value.trim();
}

function num(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RequestError(`${field} must be a number`);
  }
  return value;
}

/**
 * Reduces a care page's member object to the care context (gaps, risk score, reasons) with identifiers
 * removed from the kept texts; returns it with the identifying values found (to redact the question).
 */
export function careContextOf(
  member: unknown,
): { care: MemberCareContext; known: string[]; removed: number } {
  if (typeof member !== "object" || member === null || Array.isArray(member)) {
    throw new RequestError("member must be an object");
  }
  const m = member as Record<string, unknown>;
  const known = IDENTIFYING.map((k) => m[k]).filter((v): v is string | number =>
    typeof v === "string" || typeof v === "number"
  ).map(String);
  let removed = 0;
  const clean = (value: string) => {
    const r = redactText(value, known);
    removed += r.removed;
    return r.text;
  };
  const gaps = m.gaps ?? [];
  const reasons = m.reasons ?? [];
  if (!Array.isArray(gaps) || gaps.length > 20) {
    throw new RequestError("member.gaps must be a list of at most 20");
  }
  if (!Array.isArray(reasons) || reasons.length > 10) {
    throw new RequestError("member.reasons must be a list of at most 10");
  }
  const care: MemberCareContext = {
    gaps: gaps.map((g: Record<string, unknown>, i) => {
      const key = text(g?.measure_key, `member.gaps[${i}].measure_key`, 40);
      if (!/^[a-z][a-z0-9_]*$/.test(key)) {
        throw new RequestError(`member.gaps[${i}].measure_key is not a measure key`);
      }
      const days = g.days_left === undefined || g.days_left === null
        ? undefined
        : num(g.days_left, `member.gaps[${i}].days_left`);
      return {
        measure_key: key,
        measure_name: clean(text(g.measure_name, `member.gaps[${i}].measure_name`)),
        ...(days === undefined ? {} : { days_left: days }),
      };
    }),
    ...(m.risk_score === undefined || m.risk_score === null
      ? {}
      : { risk_score: num(m.risk_score, "member.risk_score") }),
    reasons: reasons.map((r: Record<string, unknown>, i) => ({
      reason: clean(text(r?.reason, `member.reasons[${i}].reason`)),
      value: num(r?.value, `member.reasons[${i}].value`),
    })),
  };
  return { care, known, removed };
}
