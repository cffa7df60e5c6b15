import type { Catalogue } from "../stars/catalogue.js";
import type { ContractInfo } from "../stars/cms_contracts.js";
import {
  type CmsCaiRow,
  type CmsMeasureTable,
  type CutPointTable,
  parseCmsCai,
  parseCmsCutPoints,
  parseCmsMeasureTable,
} from "../stars/cms_tables.js";
import { parseContractInfo } from "../stars/contract_info.js";
import type { CutPoints } from "../stars/measure_stars.js";
import type { MeasureState } from "../stars/whatif.js";
import type { DelimitedRecord } from "./delimited.js";
import { type ColumnRole, matchHeaders, measureCandidates, type Unmatched } from "./header_match.js";
import { csvField, type Reject } from "./rejects.js";
import { isFractionColumn, percentScale, readMemberResult, readScoreCell } from "./scores.js";

/** What an uploaded star file turned out to be, with its parsed content. */
export type StarFileContent =
  | { kind: "cms_measure_stars" | "cms_measure_data"; table: CmsMeasureTable }
  | { kind: "cms_cai"; rows: CmsCaiRow[] }
  | { kind: "cms_cut_points"; tables: Map<string, CutPointTable> }
  | { kind: "contract_facts"; info: Map<string, ContractInfo> }
  | { kind: "contract_scores" | "member_results"; contracts: Map<string, MeasureState[]> };

/** One uploaded file after validation: rows read, rejects, and its content (absent when nothing is usable). */
export interface StarFile {
  file: string;
  rowsRead: number;
  rejects: Reject[];
  /** Headers no rule matched, for the mapping form (contract and member tables only). */
  unmatched: Unmatched[];
  content?: StarFileContent;
}

const CONTRACT_ID = /^[A-Z]\d{4}$/;
const ENGINE_ERROR = /row \d+ column (\d+): (.*) \("(.*)"\)$/s;

function line(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/**
 * Runs an engine parser row by row (the header rows plus one data row) so that one bad row becomes a reject
 * rather than failing the file, then once on the header plus every valid row.
 */
function perRow<T>(
  records: readonly DelimitedRecord[],
  headerEnd: number,
  file: string,
  parse: (text: string) => T,
  headerRow: readonly string[],
): { value: T; rejects: Reject[]; rowsRead: number } {
  const head = records.slice(0, headerEnd).map((r) => line(r.fields)).join("\n");
  const body = records.slice(headerEnd).filter((r) => r.fields.some((f) => f.trim() !== ""));
  try {
    // Most files are clean: one pass of the engine's parser, and row by row only when it fails.
    return {
      value: parse(`${head}\n${body.map((r) => line(r.fields)).join("\n")}\n`),
      rejects: [],
      rowsRead: body.length,
    };
  } catch {
    // fall through to find every bad row
  }
  const kept: string[] = [];
  const rejects: Reject[] = [];
  let rowsRead = 0;
  for (const r of records.slice(headerEnd)) {
    if (r.fields.every((f) => f.trim() === "")) continue;
    rowsRead++;
    const text = line(r.fields);
    try {
      parse(`${head}\n${text}\n`);
      kept.push(text);
    } catch (e) {
      const m = ENGINE_ERROR.exec(String((e as Error).message));
      const col = m ? Number(m[1]) - 1 : -1;
      rejects.push({
        file,
        line: r.line,
        column: col >= 0 ? (headerRow[col] ?? `column ${col + 1}`).trim() || `column ${col + 1}` : "row",
        value: m ? m[3]! : "",
        expected: m ? m[2]! : String((e as Error).message),
        fields: r.fields,
      });
    }
  }
  return { value: parse(`${head}\n${kept.join("\n")}\n`), rejects, rowsRead };
}

/** Which kind of table the first rows show. */
function sniff(records: readonly DelimitedRecord[], file: string): { kind: string; headerAt: number } {
  const first = records.slice(0, 6).map((r) => r.fields.map((f) => f.trim()));
  const lower = file.toLowerCase();
  if (first.some((r) => r.some((f) => /^\d\s*star$/i.test(f)))) {
    return { kind: "cms_cut_points", headerAt: 0 };
  }
  const cai = first.findIndex((r) => /^contract number$/i.test(r[0] ?? "") && r.some((f) => /fac$/i.test(f)));
  if (cai >= 0) return { kind: "cms_cai", headerAt: cai };
  const cms = first.findIndex((r, i) =>
    /^(contract_id|contract number)$/i.test(r[0] ?? "") &&
    (first[i + 1] ?? []).some((f) => /^[CD]\d{2}\s*:/.test(f)) && !r.some((f) => /^[CD]\d{2}\s*:/.test(f))
  );
  if (cms >= 0) {
    const title = (first[0]?.[0] ?? "").toLowerCase();
    const stars = lower.includes("measure stars") || title.includes("star view");
    return { kind: stars ? "cms_measure_stars" : "cms_measure_data", headerAt: cms };
  }
  return { kind: "table", headerAt: first.findIndex((r) => r.some((f) => f !== "")) };
}

/**
 * Validates and reads one uploaded star file, of any of the accepted layouts: CMS's Data Table CSVs as
 * downloaded (Measure Stars, Measure Data, CAI, Part C/D Cut Points — read by the engine's own parsers, row by
 * row), a contract-facts table (`contract_id`, `snp`, `isnp_only`, `disaster_2024_pct`), a contract-level
 * table (wide: `contract_id` + one column per measure; long: `contract_id`, `measure`, `score`), or a
 * member-level table (`member_id`, `contract_id`, one 0/1/blank column per measure) whose results become
 * rates 100 × met / (met + not met) per contract and measure. Every row that cannot be used is a reject.
 * `mapping` holds the analyst's choices for unmatched columns (column index → `measure:KEY`, a field, or "").
 */
export function readStarFile(
  records: readonly DelimitedRecord[],
  file: string,
  catalogue: Catalogue,
  cutPoints: ReadonlyMap<string, CutPoints>,
  mapping: Readonly<Record<string, string>> = {},
): StarFile {
  const base = { file, rowsRead: 0, rejects: [] as Reject[], unmatched: [] as Unmatched[] };
  if (records.every((r) => r.fields.every((f) => f.trim() === ""))) {
    return {
      ...base,
      rejects: [{ file, line: 0, column: "file", value: "", expected: "a header row", fields: [] }],
    };
  }
  const { kind, headerAt } = sniff(records, file);
  const fileFail = (e: unknown): StarFile => ({
    ...base,
    rejects: [{
      file,
      line: 0,
      column: "file",
      value: "",
      expected: String((e as Error).message),
      fields: [],
    }],
  });
  try {
    if (kind === "cms_cut_points") {
      const text = records.map((r) => line(r.fields)).join("\n");
      const tables = parseCmsCutPoints(text, file);
      return { ...base, rowsRead: records.length, content: { kind, tables } };
    }
    if (kind === "cms_cai") {
      const r = perRow(records, headerAt + 1, file, (t) => parseCmsCai(t, file), records[headerAt]!.fields);
      return { ...base, rowsRead: r.rowsRead, rejects: r.rejects, content: { kind, rows: r.value } };
    }
    if (kind === "cms_measure_stars" || kind === "cms_measure_data") {
      const r = perRow(
        records,
        headerAt + 3,
        file,
        (t) => parseCmsMeasureTable(t, file),
        records[headerAt + 1]!.fields,
      );
      return { ...base, rowsRead: r.rowsRead, rejects: r.rejects, content: { kind, table: r.value } };
    }
  } catch (e) {
    return fileFail(e);
  }
  return readPlainTable(records.slice(headerAt), file, catalogue, cutPoints, mapping);
}

function readPlainTable(
  records: readonly DelimitedRecord[],
  file: string,
  catalogue: Catalogue,
  cutPoints: ReadonlyMap<string, CutPoints>,
  mapping: Readonly<Record<string, string>>,
): StarFile {
  const header = records[0]!.fields;
  const { roles, unmatched } = matchHeaders(header, catalogue, mapping);
  const has = (k: ColumnRole["kind"]) => roles.findIndex((r) => r?.kind === k);
  const contractCol = has("contract_id");
  const memberCol = has("member_id");
  const measureCols = roles.flatMap((r, i) => (r?.kind === "measure" ? [{ i, key: r.key }] : []));
  const base = { file, rowsRead: 0, rejects: [] as Reject[], unmatched };
  const missing = (expected: string): StarFile => ({
    ...base,
    rejects: [{
      file,
      line: records[0]!.line,
      column: "header",
      value: header.join(","),
      expected,
      fields: header,
    }],
  });
  if (contractCol < 0) return missing("a contract_id column (or a CMS Data Table header)");
  if (measureCols.length === 0 && has("measure_ref") < 0) {
    if (header.some((h) => /^(snp|isnp_only|disaster_2024_pct)$/i.test(h.trim()))) {
      const r = perRow(records, 1, file, (t) => parseContractInfo(t, file), header);
      return {
        ...base,
        rowsRead: r.rowsRead,
        rejects: r.rejects,
        content: { kind: "contract_facts", info: r.value },
      };
    }
    return missing("at least one measure column (C01, bcs or Breast Cancer Screening) or a measure column");
  }
  const rejects: Reject[] = [];
  let rowsRead = 0;
  const seen = new Map<string, number>();
  const reject = (r: DelimitedRecord, column: string, value: string, expected: string) =>
    rejects.push({ file, line: r.line, column, value, expected, fields: r.fields });
  const name = (i: number) => (header[i] ?? "").trim();
  // contract → key → accumulated values
  const scores = new Map<
    string,
    Map<string, { value?: number; status?: string; met: number; den: number }>
  >();
  const cell = (contract: string, key: string) => {
    if (!scores.has(contract)) scores.set(contract, new Map());
    const m = scores.get(contract)!;
    if (!m.has(key)) m.set(key, { met: 0, den: 0 });
    return m.get(key)!;
  };
  const longMode = measureCols.length === 0;
  const refCol = has("measure_ref");
  const scoreCol = has("score");
  const numCol = has("numerator");
  const denCol = has("denominator");
  if (longMode && scoreCol < 0 && (numCol < 0 || denCol < 0)) {
    return missing("a score column (or numerator and denominator) beside the measure column");
  }
  for (const r of records.slice(1)) {
    if (r.fields.every((f) => f.trim() === "")) continue;
    rowsRead++;
    const contract = (r.fields[contractCol] ?? "").trim();
    if (!CONTRACT_ID.test(contract)) {
      reject(r, name(contractCol), contract, "a contract ID like H1234");
      continue;
    }
    if (memberCol >= 0) {
      const member = (r.fields[memberCol] ?? "").trim();
      if (member === "") {
        reject(r, name(memberCol), member, "a member ID");
        continue;
      }
      const dup = seen.get(member);
      if (dup !== undefined) {
        reject(r, name(memberCol), member, `a member ID not already on line ${dup}`);
        continue;
      }
      const results: [string, 0 | 1 | null][] = [];
      let bad = false;
      for (const { i, key } of measureCols) {
        const v = readMemberResult(r.fields[i] ?? "");
        if (v !== null && typeof v === "object") {
          reject(r, name(i), r.fields[i] ?? "", v.expected);
          bad = true;
          break;
        }
        results.push([key, v]);
      }
      if (bad) continue;
      seen.set(member, r.line);
      for (const [key, v] of results) {
        if (v === null) continue;
        const c = cell(contract, key);
        c.den++;
        c.met += v;
      }
      continue;
    }
    if (longMode) {
      const ref = r.fields[refCol] ?? "";
      const keys = measureCandidates(ref, catalogue);
      if (keys.length !== 1) {
        reject(r, name(refCol), ref, `one measure of Star year ${catalogue.year} (ID, key or name)`);
        continue;
      }
      const id = `${contract} ${keys[0]}`;
      if (seen.has(id)) {
        reject(r, name(refCol), ref, `a measure not already given for ${contract} on line ${seen.get(id)}`);
        continue;
      }
      if (scoreCol >= 0 && (r.fields[scoreCol] ?? "").trim() !== "") {
        const v = readScoreCell(r.fields[scoreCol] ?? "");
        if (v !== null && "expected" in v) {
          reject(r, name(scoreCol), r.fields[scoreCol] ?? "", v.expected);
          continue;
        }
        seen.set(id, r.line);
        if (v) {
          Object.assign(
            cell(contract, keys[0]!),
            v.value !== undefined ? { value: v.value } : { status: v.status },
          );
        }
      } else {
        const num = Number((r.fields[numCol] ?? "").trim());
        const den = Number((r.fields[denCol] ?? "").trim());
        if (!Number.isInteger(den) || den <= 0 || !Number.isInteger(num) || num < 0 || num > den) {
          reject(
            r,
            `${name(numCol)}/${name(denCol)}`,
            `${r.fields[numCol]}/${r.fields[denCol]}`,
            "whole numbers with 0 ≤ numerator ≤ denominator > 0",
          );
          continue;
        }
        seen.set(id, r.line);
        Object.assign(cell(contract, keys[0]!), { met: num, den });
      }
      continue;
    }
    const dup = seen.get(contract);
    if (dup !== undefined) {
      reject(r, name(contractCol), contract, `a contract ID not already on line ${dup}`);
      continue;
    }
    const values: [string, { value?: number; status?: string }][] = [];
    let bad = false;
    for (const { i, key } of measureCols) {
      const v = readScoreCell(r.fields[i] ?? "");
      if (v !== null && "expected" in v) {
        reject(r, name(i), r.fields[i] ?? "", v.expected);
        bad = true;
        break;
      }
      if (v) values.push([key, v.value !== undefined ? { value: v.value } : { status: v.status }]);
    }
    if (bad) continue;
    seen.set(contract, r.line);
    for (const [key, v] of values) Object.assign(cell(contract, key), v);
  }
  // A 0–100 measure whose scores are all fractions was given as fractions: scale it.
  const fractions = new Set<string>();
  for (const m of catalogue.measures) {
    if (!percentScale(m.precision, cutPoints.get(m.key))) continue;
    const vs = [...scores.values()].flatMap((byKey) => {
      const v = byKey.get(m.key)?.value;
      return v === undefined ? [] : [v];
    });
    if (isFractionColumn(vs)) fractions.add(m.key);
  }
  const contracts = new Map<string, MeasureState[]>();
  for (const [contract, byKey] of scores) {
    const states: MeasureState[] = [];
    for (const [key, c] of byKey) {
      if (c.den > 0) states.push({ key, score: (100 * c.met) / c.den, numerator: c.met, denominator: c.den });
      else if (c.value !== undefined) {
        states.push({ key, score: fractions.has(key) ? c.value * 100 : c.value });
      }
    }
    contracts.set(contract, states);
  }
  return {
    ...base,
    rowsRead,
    rejects,
    content: { kind: memberCol >= 0 ? "member_results" : "contract_scores", contracts },
  };
}
