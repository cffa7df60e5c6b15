import type { Catalogue } from "../stars/catalogue.js";
import { normaliseText } from "../stars/cms_tables.js";

/** What a column of an uploaded star file holds. */
export type ColumnRole =
  | { kind: "contract_id" }
  | { kind: "member_id" }
  | { kind: "organization_type" }
  | { kind: "contract_name" }
  | { kind: "measure_ref" }
  | { kind: "score" }
  | { kind: "numerator" }
  | { kind: "denominator" }
  | { kind: "measure"; key: string };

/** A header that matched nothing, or more than one measure. */
export interface Unmatched {
  column: number;
  header: string;
  /** Measure keys the header could mean (several: ambiguous; none: unknown). */
  candidates: string[];
}

/**
 * Normalises a header for matching: mis-decoded dashes and apostrophes fixed (`\x96`, `â€“`), units (`%`,
 * `(%)`, `pct`) and punctuation dropped, lower case, single spaces.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(normaliseHeader("Care for Older Adults \u0096 Medication Review (%) "), "care for older adults medication review");
 * ```
 */
export function normaliseHeader(header: string): string {
  return normaliseText(header.replace(/\\x96/gi, "–"))
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\((%|pct|percent|rate)\)|%|\bpct\b/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const FIELDS: Record<string, ColumnRole["kind"]> = {
  "contract id": "contract_id",
  "contract": "contract_id",
  "contract number": "contract_id",
  "contractid": "contract_id",
  "h number": "contract_id",
  "member id": "member_id",
  "memberid": "member_id",
  "member": "member_id",
  "mbr id": "member_id",
  "organization type": "organization_type",
  "org type": "organization_type",
  "contract name": "contract_name",
  "measure": "measure_ref",
  "measure id": "measure_ref",
  "measure key": "measure_ref",
  "measure name": "measure_ref",
  "cms id": "measure_ref",
  "score": "score",
  "rate": "score",
  "value": "score",
  "measure score": "score",
  "numerator": "numerator",
  "denominator": "denominator",
};

/**
 * The measure a text names, as stable keys: a CMS ID (`C01`, `C01: Breast Cancer Screening` — the ID wins),
 * a stable key (`bcs`, `pdc_statins`) or the measure's name in any case, spacing, punctuation or dash
 * encoding. Names CMS uses twice (the Part C and Part D call-center and leaving-the-plan measures) give both.
 */
export function measureCandidates(text: string, catalogue: Catalogue): string[] {
  const code = /^\s*([CDcd]\d{2})\b/.exec(normaliseText(text));
  if (code) {
    const m = catalogue.byCmsId.get(code[1]!.toUpperCase());
    return m ? [m.key] : [];
  }
  const trimmed = text.trim().toLowerCase();
  if (catalogue.byKey.has(trimmed)) return [trimmed];
  const wanted = normaliseHeader(text);
  if (wanted === "") return [];
  return catalogue.measures
    .filter((m) => normaliseHeader(m.name) === wanted || normaliseHeader(m.key) === wanted)
    .map((m) => m.key);
}

/** The role of one header, or the measure candidates when it is not exactly one known field or measure. */
export function matchHeader(header: string, catalogue: Catalogue): ColumnRole | string[] {
  const field = FIELDS[normaliseHeader(header)];
  if (field && field !== "measure") return { kind: field } as ColumnRole;
  const keys = measureCandidates(header, catalogue);
  return keys.length === 1 ? { kind: "measure", key: keys[0]! } : keys;
}

/** Roles of a header row, with the columns that need the analyst (empty headers are ignored). */
export function matchHeaders(
  headers: readonly string[],
  catalogue: Catalogue,
  remembered: Readonly<Record<string, string>> = {},
): { roles: (ColumnRole | undefined)[]; unmatched: Unmatched[] } {
  const roles: (ColumnRole | undefined)[] = [];
  const unmatched: Unmatched[] = [];
  headers.forEach((header, column) => {
    const saved = remembered[String(column)];
    if (saved !== undefined) {
      roles.push(saved === "" ? undefined : roleFromChoice(saved));
      return;
    }
    const role = matchHeader(header, catalogue);
    if (Array.isArray(role)) {
      roles.push(undefined);
      if (header.trim() !== "") unmatched.push({ column, header, candidates: role });
    } else roles.push(role);
  });
  return { roles, unmatched };
}

/** A mapping-form choice (`measure:bcs`, `contract_id`, … or "" for "ignore") as a role. */
export function roleFromChoice(choice: string): ColumnRole | undefined {
  if (choice === "") return undefined;
  if (choice.startsWith("measure:")) return { kind: "measure", key: choice.slice("measure:".length) };
  return { kind: choice } as ColumnRole;
}

/**
 * A file layout's fingerprint: FNV-1a (32-bit, hex) of the normalised headers joined by `|`. Files with the
 * same columns in the same order share a remembered mapping.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(layoutFingerprint(["Contract ID", "BCS %"]), layoutFingerprint(["contract_id", "bcs"]));
 * ```
 */
export function layoutFingerprint(headers: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of headers.map(normaliseHeader).join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
