/**
 * "Bring your own data": loads an analyst's folder of files into the contract's DuckDB tables
 * (`providers`, `members`, `eligibility`, `medical_claims`, `pharmacy_claims`) holding only valid
 * rows, plus `rejects` with one row per problem found. A mapping (see `mapping.ts`) says how the
 * folder's layout maps onto the contract; without one, files are named after the tables.
 */
import { join } from "node:path";
import { createTableSql, INPUT_TABLES, type TableSpec } from "../contract/schema.ts";
import { type Db, queryRows } from "../lib/duckdb.ts";
import { readSql } from "../lib/sql_file.ts";
import { insertStaged, STAGE, stageTable, type TableLoad } from "./load_table.ts";
import { loadMapping, type Mapping } from "./mapping.ts";
import { planTable, type TablePlan } from "./plan.ts";
import { isNetworkTier } from "./providers.ts";
import {
  chooseFile,
  distinctCells,
  EXTENSIONS,
  listFiles,
  type RawSource,
  readSource,
  sqlIdentifier,
} from "./read_source.ts";
import { flagReferences } from "./referential.ts";
import { createRejects, describeReject } from "./rejects.ts";
import { columnValue, type DeriveContext } from "./validate.ts";

/** Options for {@linkcode loadInputs}. */
export interface InputOptions {
  /** The folder holding the analyst's files. */
  dir: string;
  /** A shipped mapping's name (`"flat-claims"`), or the path of a mapping JSON file; default: the contract layout. */
  mapping?: string;
}

/** What {@linkcode loadInputs} loaded, and what follows for the pages. */
export interface InputReport {
  /** Per contract table: the source file (null when absent) and its row counts; rowsRead = rowsLoaded + rowsRejected. */
  tables: Record<string, { file: string | null; rowsRead: number; rowsLoaded: number; rowsRejected: number }>;
  /** What was derived, flagged or could not be computed, in words. */
  notes: string[];
  capabilities: { diagnoses: boolean; pharmacy: boolean; eligibilitySpans: boolean; providers: boolean };
}

/** A contract table's source, once located and read. */
interface Source {
  plan: TablePlan;
  raw: RawSource;
}

const rows = (n: number): string => `${n} ${n === 1 ? "row" : "rows"}`;

const usesReferenceDate = (plan: TablePlan): boolean =>
  plan.columns.some((c) => c.kind === "birth_date_from_age" || c.kind === "reference_month_end");

/** The file names tried for a mapping's file name, in words. */
function candidates(name: string): string {
  const names = EXTENSIONS.map((e) => `${name}.${e}`);
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}

/** Locates, reads and plans every table's source; null for tables the layout does not have. */
async function readSources(
  db: Db,
  dir: string,
  mapping: Mapping,
  notes: string[],
): Promise<Map<string, Source | null>> {
  const files = await listFiles(dir);
  const raws = new Map<string, RawSource>();
  const sources = new Map<string, Source | null>();
  for (const spec of INPUT_TABLES) {
    const table = mapping.tables.get(spec.name);
    if (table === null || table === undefined) {
      sources.set(spec.name, null);
      notes.push(`${spec.name}: not part of the ${mapping.name} layout; created empty`);
      continue;
    }
    const found = chooseFile(files, table.file);
    if (found === null) {
      if (!spec.optional) {
        throw new Error(`Cannot load ${spec.name}: no file ${candidates(table.file)} in ${dir}`);
      }
      sources.set(spec.name, null);
      notes.push(`${spec.name}: no file ${candidates(table.file)}; created empty`);
      continue;
    }
    if (found.others.length > 0) {
      notes.push(`${spec.name}: read ${found.file}; ignored ${found.others.join(", ")}`);
    }
    let raw = raws.get(found.file);
    if (raw === undefined) {
      raw = await readSource(db, join(dir, found.file), `input_raw_${raws.size}`);
      raws.set(found.file, raw);
    }
    const plan = planTable(spec, table, raw.headers, raw.file);
    notes.push(...plan.notes);
    if (table.derived) notes.push(`${spec.name} derived from ${raw.file}: ${table.derived}`);
    sources.set(spec.name, { plan, raw });
  }
  return sources;
}

/** The latest valid service_date of the medical claims' source (rows rejected later count too). */
async function latestServiceDate(db: Db, source: Source): Promise<string> {
  const index = source.plan.spec.columns.findIndex((c) => c.name === "service_date");
  const col = source.plan.spec.columns[index]!;
  const plan = source.plan.columns[index]!;
  const cells = plan.kind === "column" ? await distinctCells(db, source.raw, plan.index) : [null];
  let latest: string | undefined;
  for (const cell of cells) {
    const parsed = columnValue(col, plan, cell, {});
    if (parsed.ok && typeof parsed.value === "string" && (latest === undefined || parsed.value > latest)) {
      latest = parsed.value;
    }
  }
  if (latest === undefined) {
    throw new Error(
      `Cannot derive dates from ages and join dates: ${source.raw.file} has no valid service_date`,
    );
  }
  return latest;
}

/** The error for a required table left with no rows. */
function nothingUsable(spec: TableSpec, file: string, load: TableLoad): Error {
  if (load.rowsRead === 0) {
    return new Error(
      `Cannot load ${spec.name}: ${file} has no data rows; expected ${spec.grain} below the header`,
    );
  }
  const first = load.firstRejects.map((r) => `\n  ${describeReject(r)}`).join("");
  return new Error(
    `Cannot load ${spec.name}: no usable rows in ${file} (${load.rowsRead} read, all rejected; see the rejects ` +
      `table). First problems:${first}`,
  );
}

/** Notes on provider network labels that are not contract tiers (kept as written). */
async function networkNotes(db: Db, file: string): Promise<string[]> {
  const rows = await queryRows(db, readSql(import.meta.url, "./provider_networks.sql"));
  const other = rows.filter((r) => !isNetworkTier(String(r.network_tier)));
  if (other.length === 0) return [];
  const list = other.map((r) => `"${r.network_tier}" (${r.providers})`).join(", ");
  return [
    `providers: network labels in ${file} that are not preferred/standard/out_of_network were kept as written: ${list}`,
  ];
}

/**
 * Loads the analyst's files in `options.dir` into the contract tables and `rejects`.
 *
 * Tables load in contract order (providers, members, eligibility, medical claims, pharmacy
 * claims). Each row is validated against the contract; a row with any problem is kept out and
 * each problem is one `rejects` row. References (unknown member or provider, a claim outside the
 * member's eligibility) are flagged in `rejects` with a `referential:` reason and still loaded.
 * Throws, naming the file and what was expected, when a required table's file is missing,
 * lacks a required column, or leaves no usable row.
 */
export async function loadInputs(db: Db, options: InputOptions): Promise<InputReport> {
  const mapping = await loadMapping(options.mapping);
  const notes: string[] = [`layout: ${mapping.name}`];
  await createRejects(db);
  for (const spec of INPUT_TABLES) await db.con.run(createTableSql(spec));
  const sources = await readSources(db, options.dir, mapping, notes);

  const context: DeriveContext = {};
  const claims = sources.get("medical_claims");
  if (claims && [...sources.values()].some((s) => s !== null && usesReferenceDate(s.plan))) {
    context.referenceDate = await latestServiceDate(db, claims);
    notes.push(`reference date ${context.referenceDate}: the latest service_date in ${claims.raw.file}`);
  }

  const report: InputReport = {
    tables: {},
    notes,
    capabilities: { diagnoses: false, pharmacy: false, eligibilitySpans: false, providers: false },
  };
  const loadedFrom = (name: string): string | null => sources.get(name)?.plan.file ?? null;
  for (const spec of INPUT_TABLES) {
    const source = sources.get(spec.name);
    if (!source) {
      report.tables[spec.name] = { file: null, rowsRead: 0, rowsLoaded: 0, rowsRejected: 0 };
      continue;
    }
    const load = await stageTable(db, source.plan, source.raw, context);
    const { rowsRead, rowsLoaded, rowsRejected } = load;
    report.tables[spec.name] = { file: source.plan.file, rowsRead, rowsLoaded, rowsRejected };
    if (rowsLoaded === 0 && !spec.optional) throw nothingUsable(spec, source.plan.file, load);
    notes.push(
      `${spec.name}: ${
        rows(rowsRead)
      } read from ${source.plan.file}, ${rowsLoaded} loaded, ${rowsRejected} rejected`,
    );
    await insertStaged(db, spec);
    const flags = await flagReferences(db, source.plan, STAGE, {
      members: loadedFrom("members") ?? "members",
      providers: loadedFrom("providers"),
    });
    await db.con.run(`drop table ${STAGE}`);
    const flagged = [
      [flags.unknownMember, "for an unknown member_id"],
      [flags.unknownProvider, "for an unknown provider_id"],
      [flags.outsideEligibility, "outside the member's eligibility"],
    ] as const;
    for (const [n, what] of flagged) {
      if (n > 0) notes.push(`${spec.name}: ${rows(n)} ${what} (flagged in rejects, loaded)`);
    }
  }
  for (const raw of new Set([...sources.values()].flatMap((s) => s ? [s.raw.table] : []))) {
    await db.con.run(`drop table ${sqlIdentifier(raw)}`);
    await db.con.run(`drop table if exists ${sqlIdentifier(`${raw}_malformed`)}`);
  }

  const caps = report.capabilities;
  caps.providers = (report.tables.providers?.rowsLoaded ?? 0) > 0;
  if (caps.providers) notes.push(...await networkNotes(db, loadedFrom("providers")!));
  else {notes.push(
      "no providers: provider network and practice breakdowns unavailable; provider_id not checked",
    );}
  const eligibility = mapping.tables.get("eligibility");
  caps.eligibilitySpans = !eligibility?.derived;
  if (!caps.eligibilitySpans) {
    notes.push("no eligibility spans: coverage gaps and member-months are approximate");
  }
  const [{ n: diagnosed }] = await queryRows(db, readSql(import.meta.url, "./diagnosed_claims.sql")) as [
    { n: number },
  ];
  caps.diagnoses = diagnosed > 0;
  if (!caps.diagnoses) notes.push("no diagnoses: NYU avoidable-ER classification unavailable");
  caps.pharmacy = (report.tables.pharmacy_claims?.rowsLoaded ?? 0) > 0;
  if (!caps.pharmacy) notes.push("no pharmacy claims: Part D medication adherence measures unavailable");
  return report;
}
