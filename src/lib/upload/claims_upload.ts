/**
 * The utilization upload: claims, members and (optionally) providers CSVs read onto the input contract with
 * the build's own definitions — the contract (`../input/schema.js`), the mapping (`flat-claims` by default),
 * the column plan (`planTable`) and the cell validation (`cellOutcome`) — then the row rules and the key
 * check of the build's loader. Valid rows become contract-typed CSV text per table, ready for DuckDB; every
 * rejected row is kept with its line, column, value and what was expected. Pure and total: bad input gives
 * a report, never an exception.
 */
import { decodeUpload, type Encoding } from "./decode.js";
import {
  type DelimitedRecord,
  type Delimiter,
  lineCount,
  readDelimited,
  sniffDelimiter,
} from "./delimited.js";
import { layoutFingerprint } from "./header_match.js";
import { csvField, type Reject } from "./rejects.js";
import { ELIGIBILITY, MEDICAL_CLAIMS, MEMBERS, PROVIDERS, type TableSpec } from "../input/schema.js";
import type { ColumnSource, Mapping, TableMapping } from "../input/mapping.js";
import { columnLabel, findHeader, planTable, type TablePlan } from "../input/plan.js";
import { checkRowRules } from "../input/row_rule_check.js";
import { type RowRule, rulesOf } from "../input/row_rules.js";
import { duplicateKeyText, KEY_SEPARATOR } from "../input/duplicate_key.js";
import type { Value } from "../input/parse_values.js";
import { type CellOutcome, cellOutcome, columnValue, type DeriveContext } from "../input/validate.js";

/** What an uploaded file holds. */
export type UploadRole = "claims" | "members" | "providers";

/** The roles, in the order their files are read (claims first: members' derived dates need them). */
export const ROLES: readonly UploadRole[] = ["claims", "providers", "members"];

/** The contract tables the utilization upload fills, in load order. */
export const UPLOAD_TABLES: readonly TableSpec[] = [PROVIDERS, MEMBERS, ELIGIBILITY, MEDICAL_CLAIMS];

/** A contract column no header of the file gives: the mapping form asks for it. */
export interface MissingColumn {
  table: string;
  column: string;
  required: boolean;
  /** The header the mapping looked for. */
  wanted: string;
}

/** Rows of one contract table read from a file. */
export interface TableCount {
  table: string;
  loaded: number;
  rejected: number;
}

/** One uploaded file after reading: how it was decoded, what it holds and what was rejected. */
export interface UploadFileReport {
  file: string;
  bytes: number;
  role: UploadRole | null;
  encoding?: Encoding;
  delimiter?: Delimiter;
  header: string[];
  /** The layout's fingerprint (the remembered mapping's key). */
  fingerprint: string;
  /** Data rows read (blank lines are not rows). */
  rowsRead: number;
  /** Data rows rejected from at least one contract table. */
  rowsRejected: number;
  tables: TableCount[];
  /** The problems found, each with its row (the first {@link MAX_LISTED_REJECTS}). */
  rejects: Reject[];
  /** Problems found beyond {@link MAX_LISTED_REJECTS}: counted, not listed. */
  rejectsNotListed: number;
  missing: MissingColumn[];
}

/** The whole upload: per-file reports and, when usable, the contract tables as CSV text. */
export interface ClaimsUpload {
  files: UploadFileReport[];
  /** Valid rows per contract table: CSV with the contract's column names, values as DuckDB reads them. */
  tables: Record<string, { csv: string; rows: number }>;
  /** What keeps the upload from being computed (a missing file, no usable rows), in words. */
  problems: string[];
  /** What was derived or could not be computed, in words. */
  notes: string[];
  capabilities: { diagnoses: boolean; providers: boolean; eligibilitySpans: boolean };
  /** The tables can be computed. */
  ready: boolean;
}

/** An uploaded file: its name and bytes. */
export interface UploadInput {
  name: string;
  bytes: Uint8Array;
}

/** Options of {@link readClaimsUpload}. */
export interface ClaimsUploadOptions {
  /** Remembered choices by layout fingerprint: `table.column` → header ("" for none). */
  overrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Called with the share of the work done (0–1). */
  onProgress?: (share: number) => void;
  /** Records between two progress reports (and yields to the event loop). */
  chunk?: number;
}

const ROLE_WORDS: Record<UploadRole, RegExp> = {
  claims: /claim/i,
  members: /member|enrol|eligib/i,
  providers: /provider|prov/i,
};

/** The tables a mapping reads from the file of a role (`file` named after the role). */
export function roleTables(mapping: Mapping, role: UploadRole): TableSpec[] {
  return UPLOAD_TABLES.filter((spec) => mapping.tables.get(spec.name)?.file === role);
}

/** The header names a table mapping reads (its source columns, or the contract names). */
function wantedHeaders(spec: TableSpec, table: TableMapping): string[] {
  return spec.columns.flatMap((col) => {
    const source = table.columns.get(col.name);
    if (source === undefined) return [col.name];
    return source.kind === "column" || source.kind === "birth_date_from_age" ? [source.column] : [];
  });
}

/**
 * The role of a file by its header: the role whose tables' wanted headers it has most of; a file name
 * naming a role breaks ties. Null when no header matches any role.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseMapping } from "../input/mapping.js";
 * const m = parseMapping({ tables: { providers: { file: "providers", columns: {} }, members: { file: "members", columns: {} },
 *   eligibility: { file: "members", columns: {} }, medical_claims: { file: "claims", columns: {} } } }, "m");
 * assert.equal(detectRole(["claim_id", "member_id", "service_date"], "export.csv", m), "claims");
 * ```
 */
export function detectRole(header: readonly string[], name: string, mapping: Mapping): UploadRole | null {
  let best: UploadRole | null = null;
  let bestScore = 0;
  for (const role of ROLES) {
    const wanted = new Set(
      roleTables(mapping, role).flatMap((spec) => wantedHeaders(spec, mapping.tables.get(spec.name)!)),
    );
    let score = 0;
    for (const w of wanted) {
      try {
        if (findHeader(header, w, name) >= 0) score++;
      } catch {
        score++;
      }
    }
    if (score > 0 && ROLE_WORDS[role].test(name)) score += 0.5;
    if (score > bestScore) [best, bestScore] = [role, score];
  }
  return best;
}

/**
 * A table mapping fitted to a header: the analyst's choices first (`table.column` → header, "" = none),
 * then the mapping's own source; a mapped source column the file lacks falls back to a header with the
 * contract's name (a members file with `birth_date` instead of `age`), and an optional column the file
 * lacks is left empty (the build's loader would stop; the page reads what it can and says so).
 */
export function fitMapping(
  spec: TableSpec,
  table: TableMapping,
  header: readonly string[],
  file: string,
  choices: Readonly<Record<string, string>> = {},
): TableMapping {
  const columns = new Map<string, ColumnSource>(table.columns);
  const has = (name: string) => findHeader(header, name, file) >= 0;
  for (const col of spec.columns) {
    const chosen = choices[`${spec.name}.${col.name}`];
    if (chosen !== undefined) {
      if (chosen === "") columns.delete(col.name);
      else {
        // the mapping's reading of the column (a boolean choice, a value map, an age) is kept
        const source = table.columns.get(col.name);
        columns.set(
          col.name,
          source?.kind === "column" || source?.kind === "birth_date_from_age"
            ? { ...source, column: chosen }
            : { kind: "column", column: chosen },
        );
      }
      continue;
    }
    const source = columns.get(col.name);
    if (
      source && (source.kind === "column" || source.kind === "birth_date_from_age") && !has(source.column)
    ) {
      if (has(col.name)) columns.set(col.name, { kind: "column", column: col.name });
      else if (!col.required) columns.delete(col.name);
    }
  }
  return { ...table, columns };
}

/**
 * Contract columns the header cannot give: required ones the fitted mapping cannot find (they block the
 * upload) and optional ones the mapping names but the file lacks (left empty; the form offers them too).
 */
export function missingColumns(
  spec: TableSpec,
  original: TableMapping,
  fitted: TableMapping,
  header: readonly string[],
  file: string,
): MissingColumn[] {
  return spec.columns.flatMap((col) => {
    const source = fitted.columns.get(col.name) ??
      (col.required ? undefined : original.columns.get(col.name));
    const wanted = source === undefined
      ? col.name
      : source.kind === "column" || source.kind === "birth_date_from_age"
      ? source.column
      : null;
    if (wanted === null || findHeader(header, wanted, file) >= 0) return [];
    if (!col.required && source === undefined) return [];
    return [{ table: spec.name, column: col.name, required: col.required, wanted }];
  });
}

/** A table being filled from one file: its plan, key check, kept CSV lines and counts. */
interface TableState {
  plan: TablePlan;
  seen: Map<string, number>;
  lines: string[];
  cache: Map<string, CellOutcome>[];
  /** Per column: the outcome when it does not depend on the row (a constant, a derivation, no source). */
  fixed: (CellOutcome | undefined)[];
  /** Per column: plain text (no allowed values, map or flag), validated without the cache. */
  plain: boolean[];
  /** Positions of the key columns. */
  keys: number[];
  /** The table's row rules. */
  rules: RowRule[];
  loaded: number;
  rejected: number;
}

/** The per-table state of a plan, with what does not change from row to row worked out once. */
function tableState(plan: TablePlan, context: DeriveContext): TableState {
  const { spec } = plan;
  return {
    plan,
    seen: new Map(),
    lines: [spec.columns.map((c) => c.name).join(",")],
    cache: spec.columns.map(() => new Map()),
    fixed: spec.columns.map((col, i) => {
      const p = plan.columns[i]!;
      return p.kind === "column" || p.kind === "birth_date_from_age"
        ? undefined
        : cellOutcome(spec, col, p, null, context);
    }),
    plain: spec.columns.map((col, i) => {
      const p = plan.columns[i]!;
      return col.type === "varchar" && !col.allowed && !(p.kind === "column" && (p.map || p.boolean));
    }),
    keys: spec.key.map((k) => spec.columns.findIndex((c) => c.name === k)),
    rules: rulesOf(spec.name),
    loaded: 0,
    rejected: 0,
  };
}

const CACHE_LIMIT = 200_000;

/** What one cell gives, memoised per column for typed columns (dates, flags, amounts repeat). */
function outcomeOf(state: TableState, i: number, raw: string | null, context: DeriveContext): CellOutcome {
  const fixed = state.fixed[i];
  if (fixed !== undefined) return fixed;
  const { spec } = state.plan;
  if (state.plain[i]) return cellOutcome(spec, spec.columns[i]!, state.plan.columns[i]!, raw, context);
  const cache = state.cache[i]!;
  const key = raw ?? "\u0000";
  let outcome = cache.get(key);
  if (outcome === undefined) {
    outcome = cellOutcome(spec, spec.columns[i]!, state.plan.columns[i]!, raw, context);
    if (cache.size < CACHE_LIMIT) cache.set(key, outcome);
  }
  return outcome;
}

/** A problem of one row: the column as the file names it, the value, and what was expected. */
interface Problem {
  column: string;
  value: string;
  expected: string;
}

/**
 * Validates one data row for one table: every cell, then the row rules the build's loader runs
 * (`../input/row_rules.js`) when the cells are valid, then the key (a later row repeating a valid key is
 * rejected, in the loader's words). Returns the contract values or problems.
 */
function validateRow(
  state: TableState,
  record: DelimitedRecord,
  context: DeriveContext,
): { values: Value[] | null; problems: Problem[] } {
  const { plan } = state;
  const { spec } = plan;
  const problems: Problem[] = [];
  const values: Value[] = [];
  let keyValid = true;
  for (let i = 0; i < spec.columns.length; i++) {
    const p = plan.columns[i]!;
    const raw = p.kind === "column" || p.kind === "birth_date_from_age"
      ? record.fields[p.index] ?? null
      : null;
    const outcome = outcomeOf(state, i, raw, context);
    values.push(outcome.value);
    if (outcome.problem) {
      const name = spec.columns[i]!.name;
      if (spec.key.includes(name)) keyValid = false;
      const problem = {
        column: columnLabel(plan, name),
        value: (raw ?? "").trim(),
        expected: `${outcome.problem.reason}; expected ${outcome.problem.expected}`,
      };
      // a source cell read into two contract columns (net_bill → paid and allowed) is reported once
      if (!problems.some((q) => q.column === problem.column && q.expected === problem.expected)) {
        problems.push(problem);
      }
    }
  }
  const get = (name: string) => values[spec.columns.findIndex((c) => c.name === name)] ?? null;
  if (problems.length === 0 && state.rules.length > 0) {
    for (const p of checkRowRules(spec.name, get, state.rules)) {
      problems.push({
        column: columnLabel(plan, p.column),
        value: p.value ?? "",
        expected: `${p.reason}; expected ${p.expected}`,
      });
    }
  }
  if (keyValid) {
    const key = state.keys.length === 1
      ? String(values[state.keys[0]!])
      : state.keys.map((k) => String(values[k])).join("\u0000");
    const first = state.seen.get(key);
    if (first === undefined) state.seen.set(key, record.line);
    else {
      const words = duplicateKeyText(spec.key, "line");
      problems.push({
        column: spec.key.map((k) => columnLabel(plan, k)).join(KEY_SEPARATOR),
        value: spec.key.map((k) => String(get(k))).join(KEY_SEPARATOR),
        expected: `${words.reason}; expected ${words.expectedBefore}${first}`,
      });
    }
  }
  return problems.length === 0 ? { values, problems } : { values: null, problems };
}

/** A contract value as DuckDB's CSV reader takes it back (null: an empty field). */
const cell = (v: Value): string => (v === null ? "" : typeof v === "string" ? csvField(v) : String(v));

const isBlank = (r: DelimitedRecord) => r.fields.length === 1 && r.fields[0]!.trim() === "";

/** The share of the progress bar for reading (decoding and the reference-date pass); checking rows takes the rest. */
export const READ_SHARE = 0.2;

/**
 * The latest valid service_date of the claims' well-formed rows (rows rejected later count too), calling
 * `progress.onLine` and yielding to the event loop every `progress.every` records.
 */
async function latestServiceDate(
  plan: TablePlan,
  records: Iterable<DelimitedRecord>,
  width: number,
  progress: { every: number; onLine: (line: number) => void },
): Promise<string | null> {
  const i = plan.spec.columns.findIndex((c) => c.name === "service_date");
  const col = plan.spec.columns[i]!;
  const p = plan.columns[i]!;
  const seen = new Set<string>();
  let latest: string | null = null;
  let n = 0;
  for (const r of records) {
    if (++n % progress.every === 0) {
      progress.onLine(r.line);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (r.fields.length !== width || isBlank(r)) continue;
    const raw = p.kind === "column" ? r.fields[p.index] ?? null : null;
    if (raw === null || seen.has(raw)) continue;
    seen.add(raw);
    const parsed = columnValue(col, p, raw, {});
    if (parsed.ok && typeof parsed.value === "string" && (latest === null || parsed.value > latest)) {
      latest = parsed.value;
    }
  }
  return latest;
}

/**
 * Problems listed per file. A file that is wrong throughout (a shifted export) would otherwise hand the page
 * millions of rows to copy from the worker; past this the problems are counted only.
 */
export const MAX_LISTED_REJECTS = 100_000;

function keep(report: UploadFileReport, reject: Reject): void {
  if (report.rejects.length < MAX_LISTED_REJECTS) report.rejects.push(reject);
  else report.rejectsNotListed++;
}

const fileReject = (file: string, expected: string): Reject => ({
  file,
  line: 0,
  column: "file",
  value: "",
  expected,
  fields: [],
});

/**
 * Reads an upload of claims, members and providers files with `mapping` (the shipped `flat-claims` on the
 * page). Files are recognised by their headers. The claims are read first: their latest service_date is
 * the reference date of derived birth dates and eligibility ends.
 */
export async function readClaimsUpload(
  inputs: readonly UploadInput[],
  mapping: Mapping,
  options: ClaimsUploadOptions = {},
): Promise<ClaimsUpload> {
  const chunk = options.chunk ?? 50_000;
  const totalBytes = inputs.reduce((s, f) => s + f.bytes.length, 0) || 1;
  let doneBytes = 0;
  // Progress in two phases: reading (decoding every file, then the claims' reference-date pass) fills the
  // first READ_SHARE of the bar, checking the rows the rest, so the bar moves from the first second.
  let reported = 0;
  const report = (share: number) => {
    reported = Math.max(reported, Math.min(1, share));
    options.onProgress?.(reported);
  };
  const checked = (share: number) => report(READ_SHARE + (1 - READ_SHARE) * share);
  let decodedBytes = 0;
  const files: UploadFileReport[] = [];
  const problems: string[] = [];
  const notes: string[] = [`layout: ${mapping.name}`];
  const decoded: {
    report: UploadFileReport;
    text: string;
    lines: number;
    records: () => Generator<DelimitedRecord>;
  }[] = [];
  for (const input of inputs) {
    const file: UploadFileReport = {
      file: input.name,
      bytes: input.bytes.length,
      role: null,
      header: [],
      fingerprint: "",
      rowsRead: 0,
      rowsRejected: 0,
      tables: [],
      rejects: [],
      rejectsNotListed: 0,
      missing: [],
    };
    files.push(file);
    let text: string;
    try {
      const d = decodeUpload(input.bytes, input.name);
      text = d.text;
      file.encoding = d.encoding;
    } catch (e) {
      file.rejects.push(fileReject(input.name, (e as Error).message));
      continue;
    } finally {
      decodedBytes += input.bytes.length;
      report((READ_SHARE / 2) * (decodedBytes / totalBytes));
    }
    const delimiter = sniffDelimiter(text);
    file.delimiter = delimiter;
    const records = () => readDelimited(text, delimiter);
    const first = records().next();
    if (first.done || first.value.fields.every((f) => f.trim() === "")) {
      file.rejects.push(
        fileReject(input.name, `Cannot read ${input.name}: the first line is empty; expected a header row`),
      );
      continue;
    }
    file.header = first.value.fields.map((h) => h.trim());
    file.fingerprint = layoutFingerprint(file.header);
    file.role = detectRole(file.header, input.name, mapping);
    if (file.role === null) {
      file.rejects.push(fileReject(
        input.name,
        `Cannot tell what ${input.name} holds: its columns (${
          file.header.join(", ")
        }) match none of the claims, members or providers layouts`,
      ));
      continue;
    }
    decoded.push({ report: file, text, lines: lineCount(text), records });
  }
  for (const role of ROLES) {
    const same = decoded.filter((d) => d.report.role === role);
    for (const extra of same.slice(1)) {
      extra.report.rejects.push(
        fileReject(
          extra.report.file,
          `${extra.report.file} is a second ${role} file; upload one ${role} file (the first, ${
            same[0]!.report.file
          }, is used)`,
        ),
      );
      extra.report.role = null;
    }
  }
  const byRole = new Map(decoded.filter((d) => d.report.role !== null).map((d) => [d.report.role!, d]));
  for (const role of ["claims", "members"] as const) {
    if (!byRole.has(role)) problems.push(`No ${role} file: upload a ${role} CSV (see the layout above)`);
  }

  // Plans per file; a header that lacks columns goes to the mapping form.
  const plans = new Map<UploadRole, TablePlan[]>();
  for (const [role, d] of byRole) {
    const choices = options.overrides?.[d.report.fingerprint] ?? {};
    const list: TablePlan[] = [];
    try {
      for (const spec of roleTables(mapping, role)) {
        const original = mapping.tables.get(spec.name)!;
        const fitted = fitMapping(spec, original, d.report.header, d.report.file, choices);
        const missing = missingColumns(spec, original, fitted, d.report.header, d.report.file)
          .filter((m) => choices[`${m.table}.${m.column}`] === undefined || m.required);
        d.report.missing.push(...missing);
        for (const m of missing.filter((m) => !m.required)) {
          notes.push(`${spec.name}.${m.column}: ${d.report.file} has no column "${m.wanted}" (left empty)`);
        }
        if (missing.every((m) => !m.required)) {
          list.push(planTable(spec, fitted, d.report.header, d.report.file));
        }
      }
    } catch (e) {
      d.report.rejects.push(fileReject(d.report.file, (e as Error).message));
      list.length = 0;
      d.report.missing = [];
      problems.push((e as Error).message);
    }
    const blocking = d.report.missing.filter((m) => m.required);
    if (blocking.length > 0) {
      problems.push(
        `${d.report.file}: choose the columns for ${
          blocking.map((m) => `${m.table}.${m.column}`).join(", ")
        }`,
      );
    } else if (list.length > 0) plans.set(role, list);
  }

  const context: DeriveContext = {};
  const claimsPlan = plans.get("claims")?.find((p) => p.spec.name === MEDICAL_CLAIMS.name);
  const needsDate = [...plans.values()].flat().some((p) =>
    p.columns.some((c) => c.kind === "birth_date_from_age" || c.kind === "reference_month_end")
  );
  if (needsDate && claimsPlan) {
    const d = byRole.get("claims")!;
    const latest = await latestServiceDate(claimsPlan, d.records(), d.report.header.length, {
      every: chunk,
      onLine: (line) => report(READ_SHARE / 2 + (READ_SHARE / 2) * (line / d.lines)),
    });
    if (latest === null) {
      problems.push(
        `Cannot derive dates from ages and join dates: ${d.report.file} has no valid service_date`,
      );
    } else {
      context.referenceDate = latest;
      notes.push(`reference date ${latest}: the latest service_date in ${d.report.file}`);
    }
  }

  const tables: ClaimsUpload["tables"] = {};
  let diagnoses = false;
  const canValidate = !needsDate || context.referenceDate !== undefined;
  for (const role of ROLES) {
    const d = byRole.get(role);
    const list = plans.get(role);
    if (!d || !list || !canValidate) {
      if (d) doneBytes += d.report.bytes;
      continue;
    }
    const states = list.map((plan) => tableState(plan, context));
    const width = d.report.header.length;
    const lines = d.lines;
    const dx = MEDICAL_CLAIMS.columns.findIndex((c) => c.name === "diagnosis_code_1");
    let n = 0;
    let header = true;
    for (const record of d.records()) {
      if (header) {
        header = false;
        continue;
      }
      if (isBlank(record)) continue;
      d.report.rowsRead++;
      if (++n % chunk === 0) {
        checked((doneBytes + (d.report.bytes * record.line) / lines) / totalBytes);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (record.fields.length !== width) {
        const n = record.fields.length;
        d.report.rowsRejected++;
        keep(d.report, {
          file: d.report.file,
          line: record.line,
          column: "(whole row)",
          value: record.fields.join(d.report.delimiter ?? ",").slice(0, 200),
          expected: `has ${n} ${n === 1 ? "field" : "fields"}; expected ${width} fields, one per header cell`,
          fields: record.fields,
        });
        for (const s of states) s.rejected++;
        continue;
      }
      let rejected = false;
      for (const s of states) {
        const { values, problems: rowProblems } = validateRow(s, record, context);
        if (values) {
          s.loaded++;
          if (s.plan.spec.name === MEDICAL_CLAIMS.name && values[dx] !== null) diagnoses = true;
          s.lines.push(values.map(cell).join(","));
        } else {
          s.rejected++;
          rejected = true;
          for (const p of rowProblems) {
            keep(d.report, { file: d.report.file, line: record.line, ...p, fields: record.fields });
          }
        }
      }
      if (rejected) d.report.rowsRejected++;
    }
    doneBytes += d.report.bytes;
    checked(doneBytes / totalBytes);
    for (const s of states) {
      d.report.tables.push({ table: s.plan.spec.name, loaded: s.loaded, rejected: s.rejected });
      tables[s.plan.spec.name] = { csv: s.lines.join("\n") + "\n", rows: s.loaded };
      notes.push(...s.plan.notes);
    }
  }
  for (const spec of [MEMBERS, ELIGIBILITY, MEDICAL_CLAIMS]) {
    const t = tables[spec.name];
    if (t && t.rows === 0) {
      problems.push(`No usable ${spec.name} rows: every row was rejected (see the report)`);
    }
  }
  const eligibility = mapping.tables.get(ELIGIBILITY.name);
  const capabilities = {
    diagnoses,
    providers: (tables[PROVIDERS.name]?.rows ?? 0) > 0,
    eligibilitySpans: !eligibility?.derived,
  };
  if (!capabilities.diagnoses) {
    notes.push(
      "no diagnoses: the NYU/Johnston avoidable-ER classification cannot be computed; avoidable ER is shown by the proxy (ER visits not ending in an admission), and the NYU-based figures (and the avoidable part of the IVI) read zero",
    );
  }
  if (!capabilities.providers) notes.push("no providers: no breakdown by network or practice type");
  if (!capabilities.eligibilitySpans) {
    notes.push("no eligibility spans: member-months run from each join date to the reference month");
  }
  notes.push("no pharmacy claims: fills and pharmacy paid are zero");
  report(1);
  return { files, tables, problems, notes, capabilities, ready: problems.length === 0 };
}
