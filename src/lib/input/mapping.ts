/**
 * Mappings: how an analyst's file layout maps onto the input contract. A mapping is a JSON file
 * (shipped ones live in `loaders/input/mappings/<name>.json`, loaded by `loadMapping` there) that says, per contract table,
 * which file holds it and where each contract column comes from:
 *
 * ```jsonc
 * {
 *   "name": "flat-claims",
 *   "description": "…",
 *   "tables": {
 *     "medical_claims": {
 *       "file": "claims",                          // claims.csv, .parquet, .txt, .tsv or .xlsx
 *       "columns": {
 *         "provider_id": "PROV_CODE",               // a source column
 *         "claim_line_number": { "value": "1" },    // a constant
 *         "service_category": { "column": "is_er", "boolean": { "true": "emergency_department", "false": "other" } },
 *         "sex": { "column": "gender", "map": { "male": "M", "female": "F" } }  // synonyms; others pass through
 *       }
 *     },
 *     "members": { "file": "members", "columns": { "birth_date": { "derive": "birth_date_from_age", "column": "age" } } },
 *     "eligibility": { "file": "members", "derived": "…", "columns": { "enrollment_end_date": { "derive": "reference_month_end" } } },
 *     "pharmacy_claims": null                      // this layout has no such file
 *   }
 * }
 * ```
 *
 * A table left out reads `<table>.<ext>` with contract column names; a contract column left out
 * is read from a source column of the same name when there is one. Header names, mapping keys and
 * map keys are compared by {@linkcode normalizeKey}.
 */
import { INPUT_TABLES, type TableSpec } from "./schema.js";
import { normalizeKey } from "./parse_values.js";

/** Derivations a mapping can name. */
export const DERIVATIONS = {
  /** `birth_date` = 1 July of (reference year − age in whole years). */
  birth_date_from_age: "1 July of (the year of the latest service_date − age)",
  /** The last day of the month of the latest service_date in the medical claims. */
  reference_month_end: "the last day of the month of the latest service_date",
} as const;

/** Where one contract column's value comes from. */
export type ColumnSource =
  | {
    kind: "column";
    column: string;
    /** Normalized source value → contract value (null: treat as missing); others pass through. */
    map?: ReadonlyMap<string, string | null>;
    /** Read the source as a boolean and take one of two values. */
    boolean?: { true: string; false: string };
  }
  | { kind: "value"; value: string }
  | { kind: "birth_date_from_age"; column: string }
  | { kind: "reference_month_end" };

/** How one contract table is read. */
export interface TableMapping {
  /** File name without extension, or with one to pin the format. */
  file: string;
  /** Set when the layout has no such table and the mapping builds it: says how, for the notes. */
  derived?: string;
  /** Explicit sources by contract column; other columns come from same-named source columns. */
  columns: ReadonlyMap<string, ColumnSource>;
}

/** A parsed mapping. Every contract table is present; null means the layout has no such table. */
export interface Mapping {
  name: string;
  description: string;
  tables: ReadonlyMap<string, TableMapping | null>;
}

/** Tables a mapping may declare absent (null): the others are needed by every page. */
const MAY_BE_ABSENT = new Set(["providers", "pharmacy_claims", "screening_history"]);

/** The contract layout: `<table>.<ext>` files with the contract's column names. */
export const CONTRACT_MAPPING: Mapping = {
  name: "contract",
  description: "One file per contract table, named after it, with the contract's column names.",
  tables: new Map(INPUT_TABLES.map((t) => [t.name, { file: t.name, columns: new Map() }])),
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses one column source; `where` names it in errors. */
function parseSource(raw: unknown, where: string): ColumnSource {
  const bad = (why: string): never => {
    throw new Error(`${where}: ${why}`);
  };
  if (typeof raw === "string" && raw.trim() !== "") return { kind: "column", column: raw.trim() };
  if (!isRecord(raw)) return bad("expected a source column name or an object");
  const keys = Object.keys(raw).sort().join(",");
  if ("value" in raw) {
    if (keys !== "value" || typeof raw.value !== "string") return bad('a constant is { "value": "text" }');
    return { kind: "value", value: raw.value };
  }
  if ("derive" in raw) {
    if (raw.derive === "reference_month_end" && keys === "derive") return { kind: "reference_month_end" };
    if (raw.derive === "birth_date_from_age" && keys === "column,derive" && typeof raw.column === "string") {
      return { kind: "birth_date_from_age", column: raw.column };
    }
    return bad(
      `a derivation is one of ${Object.keys(DERIVATIONS).join(", ")} (birth_date_from_age needs "column")`,
    );
  }
  if (typeof raw.column !== "string" || !/^(boolean,)?column(,map)?$/.test(keys)) {
    return bad('expected { "column": "NAME" } with optional "map" or "boolean"');
  }
  const source: ColumnSource = { kind: "column", column: raw.column };
  if (raw.map !== undefined) {
    if (!isRecord(raw.map)) return bad('"map" must be an object of source value → contract value');
    const map = new Map<string, string | null>();
    for (const [from, to] of Object.entries(raw.map)) {
      if (to !== null && typeof to !== "string") bad(`map value for "${from}" must be text or null`);
      if (map.has(normalizeKey(from))) bad(`map keys "${from}" and another are the same once normalized`);
      map.set(normalizeKey(from), to as string | null);
    }
    source.map = map;
  }
  if (raw.boolean !== undefined) {
    const b = raw.boolean;
    if (!isRecord(b) || typeof b.true !== "string" || typeof b.false !== "string") {
      return bad('"boolean" must be { "true": "…", "false": "…" }');
    }
    source.boolean = { true: b.true, false: b.false };
  }
  return source;
}

/** Parses one table entry of a mapping. */
function parseTable(spec: TableSpec, raw: unknown, where: string): TableMapping | null {
  if (raw === undefined) return { file: spec.name, columns: new Map() };
  if (raw === null) {
    if (!MAY_BE_ABSENT.has(spec.name)) throw new Error(`${where}: ${spec.name} cannot be absent (null)`);
    return null;
  }
  if (!isRecord(raw) || typeof raw.file !== "string" || raw.file.trim() === "") {
    throw new Error(`${where}: expected { "file": "NAME", "columns": { … } }`);
  }
  if (raw.derived !== undefined && typeof raw.derived !== "string") {
    throw new Error(`${where}.derived: expected text`);
  }
  const extra = Object.keys(raw).filter((k) => !["file", "derived", "columns"].includes(k));
  if (extra.length > 0) throw new Error(`${where}: unknown key "${extra[0]}"`);
  const rawColumns = raw.columns ?? {};
  if (!isRecord(rawColumns)) throw new Error(`${where}.columns: expected an object`);
  const columns = new Map<string, ColumnSource>();
  for (const [name, source] of Object.entries(rawColumns)) {
    if (!spec.columns.some((c) => c.name === name)) {
      throw new Error(
        `${where}.columns: "${name}" is not a column of ${spec.name} (${
          spec.columns.map((c) => c.name).join(", ")
        })`,
      );
    }
    columns.set(name, parseSource(source, `${where}.columns.${name}`));
  }
  return { file: raw.file.trim(), derived: raw.derived as string | undefined, columns };
}

/**
 * Checks and parses a mapping's JSON. `origin` (a name or path) prefixes every error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const m = parseMapping({ name: "x", tables: { providers: { file: "prov", columns: { provider_id: "CODE" } } } }, "x");
 * assert.equal(m.tables.get("providers")?.file, "prov");
 * assert.equal(m.tables.get("members")?.file, "members");
 * ```
 */
export function parseMapping(json: unknown, origin: string): Mapping {
  const where = `Invalid mapping ${origin}`;
  if (!isRecord(json) || !isRecord(json.tables)) {
    throw new Error(`${where}: expected { "name": …, "tables": { … } }`);
  }
  const known = new Set(INPUT_TABLES.map((t) => t.name));
  const unknown = Object.keys(json.tables).find((t) => !known.has(t));
  if (unknown) throw new Error(`${where}: "${unknown}" is not a contract table (${[...known].join(", ")})`);
  const tables = new Map<string, TableMapping | null>();
  for (const spec of INPUT_TABLES) {
    tables.set(spec.name, parseTable(spec, json.tables[spec.name], `${where}: tables.${spec.name}`));
  }
  return {
    name: typeof json.name === "string" ? json.name : origin,
    description: typeof json.description === "string" ? json.description : "",
    tables,
  };
}
