/**
 * Resolves a table mapping against the header of the file it names: for every contract column,
 * which source column (by position) or constant or derivation gives its value. Problems that
 * would reject every row — a required column with no source, a mapped column the file lacks, a
 * bad constant — are thrown here, before any row is read.
 */
import type { TableSpec } from "./schema.js";
import type { ColumnSource, TableMapping } from "./mapping.js";
import { cleanText, matchAllowed, normalizeKey, parseTyped, type Value } from "./parse_values.js";

/** How one contract column gets its value from a source row. */
export type ColumnPlan =
  | {
    kind: "column";
    /** Position of the source column. */
    index: number;
    /** The source column's header as written: what the rejects table calls it. */
    label: string;
    map?: ReadonlyMap<string, string | null>;
    boolean?: { true: string; false: string };
  }
  | { kind: "value"; value: Value }
  | { kind: "birth_date_from_age"; index: number; label: string }
  | { kind: "reference_month_end" }
  | { kind: "absent" };

/** A contract table's read plan: one {@linkcode ColumnPlan} per contract column, in order. */
export interface TablePlan {
  spec: TableSpec;
  /** The source file's name. */
  file: string;
  columns: ColumnPlan[];
  /** What the notes say about this plan (columns left empty, constants, derivations). */
  notes: string[];
}

/** The name the rejects table uses for a contract column: its source header, or its own name. */
export function columnLabel(plan: TablePlan, column: string): string {
  const i = plan.spec.columns.findIndex((c) => c.name === column);
  const p = plan.columns[i];
  return p && (p.kind === "column" || p.kind === "birth_date_from_age") ? p.label : column;
}

/**
 * Finds a source column by name among `headers`, comparing by {@linkcode normalizeKey}. Returns
 * -1 when absent; throws when two headers match.
 */
export function findHeader(headers: readonly string[], name: string, file: string): number {
  const key = normalizeKey(name);
  const hits = headers.flatMap((h, i) => normalizeKey(h) === key ? [i] : []);
  if (hits.length > 1) {
    throw new Error(
      `Cannot read ${file}: columns ${hits.map((i) => `"${headers[i]}"`).join(" and ")} both match "${name}"`,
    );
  }
  return hits[0] ?? -1;
}

/**
 * Plans how `mapping` reads `spec` from a file with `headers`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PROVIDERS } from "./schema.js";
 * const plan = planTable(PROVIDERS, { file: "providers", columns: new Map([["provider_id", { kind: "column", column: "PROV_CODE" }]]) }, ["Prov Code ", "town"], "providers.csv");
 * assert.deepEqual(plan.columns[0], { kind: "column", index: 0, label: "Prov Code" });
 * assert.deepEqual(plan.columns[5], { kind: "column", index: 1, label: "town" });
 * ```
 */
export function planTable(
  spec: TableSpec,
  mapping: TableMapping,
  headers: readonly string[],
  file: string,
): TablePlan {
  const found = headers.length === 0 ? "none" : headers.map((h) => `"${h}"`).join(", ");
  const notes: string[] = [];
  const empty: string[] = [];
  const columns = spec.columns.map((col): ColumnPlan => {
    const source: ColumnSource | undefined = mapping.columns.get(col.name);
    const locate = (name: string): number => {
      const index = findHeader(headers, name, file);
      if (index < 0 && (col.required || source !== undefined)) {
        throw new Error(
          `Cannot load ${spec.name} from ${file}: no column "${name}" for ${
            col.required ? "required " : ""
          }` +
            `"${col.name}"; columns found: ${found}`,
        );
      }
      return index;
    };
    if (source === undefined) {
      const index = locate(col.name);
      if (index < 0) {
        empty.push(col.name);
        return { kind: "absent" };
      }
      return { kind: "column", index, label: headers[index]!.trim() };
    }
    switch (source.kind) {
      case "column": {
        const index = locate(source.column);
        const plan: ColumnPlan = { kind: "column", index, label: headers[index]!.trim() };
        if (source.map) plan.map = source.map;
        if (source.boolean) plan.boolean = source.boolean;
        return plan;
      }
      case "birth_date_from_age": {
        const index = locate(source.column);
        notes.push(
          `${spec.name}.${col.name} derived from "${
            headers[index]!.trim()
          }" as 1 July of (reference year − age)`,
        );
        return { kind: "birth_date_from_age", index, label: headers[index]!.trim() };
      }
      case "reference_month_end":
        notes.push(`${spec.name}.${col.name} set to the last day of the month of the latest service_date`);
        return { kind: "reference_month_end" };
      case "value": {
        const text = cleanText(source.value);
        let parsed = text === null ? { ok: true as const, value: null } : parseTyped(col.type, text);
        if (parsed.ok && col.allowed && typeof parsed.value === "string") {
          parsed = matchAllowed(parsed.value, col.allowed);
        }
        if (!parsed.ok) {
          throw new Error(
            `Invalid mapping for ${spec.name}: constant "${source.value}" for "${col.name}" is ${parsed.reason}; ` +
              `expected ${parsed.expected}`,
          );
        }
        notes.push(`${spec.name}.${col.name} set to ${JSON.stringify(parsed.value)} for every row`);
        return { kind: "value", value: parsed.value };
      }
      default:
        throw new Error(`invalid column source: ${JSON.stringify(source satisfies never)}`);
    }
  });
  if (empty.length > 0) notes.push(`${spec.name}: ${file} has no ${empty.join(", ")} (left empty)`);
  return { spec, file, columns, notes };
}
