import { parseCsv } from "./csv.js";
import type { CutPoints } from "./measure_stars.js";
import type { ContractKind } from "./rules.js";

/** The text statuses CMS prints instead of a score or a star (TN Attachment Q), by normalised text. */
export const CMS_STATUSES = {
  "plan too small to be measured": "too_small",
  "not enough data available": "not_enough_data",
  "no data available": "no_data",
  "plan not required to report measure": "not_required",
  "not required to report": "not_required",
  "plan too new to be measured": "too_new",
  "cms identified issues with this plan's data": "cms_identified_issues",
  "medicare shows only a star rating for this topic": "star_only",
  "benefit not offered by plan": "benefit_not_offered",
  "not applicable": "not_applicable",
  "n/a": "not_applicable",
} as const;

/** A status code from {@link CMS_STATUSES}. */
export type CmsStatus = typeof CMS_STATUSES[keyof typeof CMS_STATUSES];

/** One cell of a measure table: a number (a score or a star) or one of CMS's text statuses. */
export type CmsCell = { value: number; status?: undefined } | { value?: undefined; status: CmsStatus };

/** A contract row of CMS's Measure Data or Measure Stars table. */
export interface CmsContractRow {
  contractId: string;
  organizationType: string;
  contractName: string;
  /** Cells by CMS measure ID (`C01` …). */
  cells: ReadonlyMap<string, CmsCell>;
}

/** A parsed Measure Data or Measure Stars table. */
export interface CmsMeasureTable {
  /** CMS measure IDs with the names in the header, in file order. */
  measures: readonly { cmsId: string; name: string }[];
  contracts: readonly CmsContractRow[];
}

/** Fixes dashes and apostrophes that were decoded with the wrong code page, and trims. */
export function normaliseText(text: string): string {
  return text
    .replace(/â€“|â€"|\u0096|\u2014/g, "–")
    .replace(/â€™|\u0092|\u2019|`/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function cellError(file: string, row: number, column: number, value: string, expected: string): Error {
  return new Error(`Cannot read ${file} row ${row} column ${column}: ${expected} ("${value}")`);
}

/**
 * Reads one cell: `76%`, `0.16`, `-0.121368`, `5` → a number; a CMS status text → its code. Anything else is
 * an error naming the file, row and column.
 */
export function parseCmsCell(raw: string, where: { file: string; row: number; column: number }): CmsCell {
  const text = normaliseText(raw);
  const numeric = text.replace(/\s*%$/, "");
  if (/^-?\d+(\.\d+)?$/.test(numeric)) return { value: Number(numeric) };
  const status = (CMS_STATUSES as Record<string, CmsStatus>)[text.toLowerCase()];
  if (status) return { status };
  throw cellError(where.file, where.row, where.column, raw, "expected a number or a CMS status text");
}

const CONTRACT_ID = /^[A-Z]\d{4}$/;
const MEASURE_HEADER = /^([CD]\d{2})\s*:\s*(.+)$/;

/**
 * Parses CMS's "Measure Data" or "Measure Stars" Data Table CSV as downloaded: a title row, a domain row that
 * starts with CONTRACT_ID, a row of "C01: Name" measure headers, a row of measurement periods, then one row
 * per contract with trailing spaces and text statuses.
 */
export function parseCmsMeasureTable(text: string, file: string): CmsMeasureTable {
  const rows = parseCsv(text);
  const headerAt = rows.findIndex((r) => /^(CONTRACT_ID|Contract Number)$/i.test((r[0] ?? "").trim()));
  if (headerAt < 0) throw new Error(`Cannot read ${file}: no header row starting with CONTRACT_ID`);
  const measureRow = rows[headerAt + 1] ?? [];
  const columns: { index: number; cmsId: string; name: string }[] = [];
  measureRow.forEach((cell, index) => {
    const m = MEASURE_HEADER.exec(normaliseText(cell));
    if (m) columns.push({ index, cmsId: m[1]!, name: m[2]! });
  });
  if (columns.length === 0) {
    throw new Error(`Cannot read ${file} row ${headerAt + 2}: no "C01: Name" measure headers`);
  }
  const contracts: CmsContractRow[] = [];
  for (let r = headerAt + 2; r < rows.length; r++) {
    const row = rows[r]!;
    const id = (row[0] ?? "").trim();
    if (id === "") continue; // the measurement-period row and blank lines
    if (!CONTRACT_ID.test(id)) {
      throw cellError(file, r + 1, 1, row[0] ?? "", "expected a contract ID like H1234");
    }
    const cells = new Map<string, CmsCell>();
    for (const c of columns) {
      const raw = row[c.index];
      if (raw === undefined) {
        throw cellError(file, r + 1, c.index + 1, "", `row ends before measure ${c.cmsId}`);
      }
      cells.set(c.cmsId, parseCmsCell(raw, { file, row: r + 1, column: c.index + 1 }));
    }
    contracts.push({
      contractId: id,
      organizationType: normaliseText(row[1] ?? ""),
      contractName: normaliseText(row[2] ?? ""),
      cells,
    });
  }
  return { measures: columns.map(({ cmsId, name }) => ({ cmsId, name })), contracts };
}

/** One interval of a cut-point cell, e.g. `>= 58 % to < 71 %`. */
export interface Interval {
  lo?: number;
  loInclusive?: boolean;
  hi?: number;
  hiInclusive?: boolean;
}

/** Parses a cut-point cell: `< 58 %`, `>= 58 % to < 71 %`, `> 10 % to <= 12 %`, `<= 0.11`, `100%`. */
export function parseInterval(raw: string): Interval | undefined {
  const text = normaliseText(raw).replace(/%/g, "").replace(/\s+/g, " ").trim();
  const num = "(-?\\d+(?:\\.\\d+)?)";
  const exact = new RegExp(`^${num}$`).exec(text);
  if (exact) return { lo: Number(exact[1]), loInclusive: true, hi: Number(exact[1]), hiInclusive: true };
  const pair = new RegExp(`^(>=|>) ?${num} to (<=|<) ?${num}$`).exec(text);
  if (pair) {
    return {
      lo: Number(pair[2]),
      loInclusive: pair[1] === ">=",
      hi: Number(pair[4]),
      hiInclusive: pair[3] === "<=",
    };
  }
  const one = new RegExp(`^(>=|>|<=|<) ?${num}$`).exec(text);
  if (!one) return undefined;
  const v = Number(one[2]);
  return one[1]!.startsWith(">")
    ? { lo: v, loInclusive: one[1] === ">=" }
    : { hi: v, hiInclusive: one[1] === "<=" };
}

/** Cut points by CMS measure ID, for one organisation scope (`all` for Part C, `MA-PD` or `PDP` for Part D). */
export type CutPointTable = ReadonlyMap<string, CutPoints>;

/**
 * Parses CMS's "Part C Cut Points" or "Part D Cut Points" CSV: measure headers "C01: Name", then rows
 * `1star` … `5star` (Part D rows start with the organisation type, MA-PD or PDP). The five intervals of each
 * measure must tile the scale the way CMS states them: for higher-is-better measures `< T2`, `>= T2 to < T3`,
 * …, `>= T5`; for lower-is-better `> T2`, `> T3 to <= T2`, …, `<= T5`.
 */
export function parseCmsCutPoints(text: string, file: string): Map<string, CutPointTable> {
  const rows = parseCsv(text);
  const headerAt = rows.findIndex((r) => r.some((c) => MEASURE_HEADER.test(normaliseText(c))));
  if (headerAt < 0) throw new Error(`Cannot read ${file}: no "C01: Name" measure headers`);
  const columns: { index: number; cmsId: string }[] = [];
  rows[headerAt]!.forEach((cell, index) => {
    const m = MEASURE_HEADER.exec(normaliseText(cell));
    if (m) columns.push({ index, cmsId: m[1]! });
  });
  const cells = new Map<string, Map<string, (Interval & { raw: string; row: number; col: number })[]>>();
  for (let r = headerAt + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const starAt = row.findIndex((c) => /^\d\s*star$/i.test(c.trim()));
    if (starAt < 0) continue;
    const star = Number(row[starAt]!.trim()[0]);
    const scope = starAt > 0 ? normaliseText(row[0] ?? "") : "all";
    if (!cells.has(scope)) cells.set(scope, new Map());
    for (const c of columns) {
      const raw = row[c.index] ?? "";
      const interval = parseInterval(raw);
      if (!interval) {
        throw cellError(
          file,
          r + 1,
          c.index + 1,
          raw,
          "expected a cut-point interval like >= 58 % to < 71 %",
        );
      }
      const list = cells.get(scope)!.get(c.cmsId) ?? [];
      list[star - 1] = { ...interval, raw, row: r + 1, col: c.index + 1 };
      cells.get(scope)!.set(c.cmsId, list);
    }
  }
  const result = new Map<string, CutPointTable>();
  for (const [scope, byMeasure] of cells) {
    const table = new Map<string, CutPoints>();
    for (const [cmsId, iv] of byMeasure) {
      table.set(cmsId, cutPointsFromIntervals(iv, `${file} ${scope} ${cmsId}`));
    }
    result.set(scope, table);
  }
  if (result.size === 0) throw new Error(`Cannot read ${file}: no "1star" … "5star" rows`);
  return result;
}

function cutPointsFromIntervals(iv: (Interval & { raw: string })[], where: string): CutPoints {
  if (iv.length !== 5 || iv.some((x) => x === undefined)) {
    throw new Error(`${where}: expected rows 1star to 5star`);
  }
  const [one, two, three, four, five] = iv as unknown as [Interval, Interval, Interval, Interval, Interval];
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why} (${iv.map((x) => `"${x.raw.trim()}"`).join(", ")})`);
  };
  if (one.hi !== undefined && one.lo === undefined) {
    // higher is better: 1star "< T2", s star ">= Ts to < Ts+1", 5star ">= T5" (or exactly T5)
    const t = [two.lo, three.lo, four.lo, five.lo];
    if (t.some((x) => x === undefined)) fail("a star band has no lower bound");
    const th = t as [number, number, number, number];
    if (one.hi !== th[0] || one.hiInclusive) fail("1 star must end just below the 2-star bound");
    for (const [i, band] of [two, three, four].entries()) {
      if (!band.loInclusive || band.hi !== th[i + 1] || band.hiInclusive) {
        fail("bands must be >= Ts to < Ts+1");
      }
    }
    return { direction: "higher", thresholds: th };
  }
  if (one.lo !== undefined && one.hi === undefined) {
    // lower is better: 1star "> T2", s star "> Ts+1 to <= Ts", 5star "<= T5"
    const t = [two.hi, three.hi, four.hi, five.hi];
    if (t.some((x) => x === undefined)) fail("a star band has no upper bound");
    const th = t as [number, number, number, number];
    if (one.lo !== th[0] || one.loInclusive) fail("1 star must start just above the 2-star bound");
    for (const [i, band] of [two, three, four].entries()) {
      if (!band.hiInclusive || band.lo !== th[i + 1] || band.loInclusive) {
        fail("bands must be > Ts+1 to <= Ts");
      }
    }
    return { direction: "lower", thresholds: th };
  }
  return fail("1 star must be a one-sided bound");
}

/** A contract row of CMS's CAI table. */
export interface CmsCaiRow {
  contractId: string;
  puertoRicoOnly: boolean;
  partCFac: number | null;
  partDMaPdFac: number | null;
  partDPdpFac: number | null;
  overallFac: number | null;
}

/** Parses CMS's "CAI" Data Table CSV: Contract Number, …, Puerto Rico Only, Part C FAC, Part D MA-PD FAC, …. */
export function parseCmsCai(text: string, file: string): CmsCaiRow[] {
  const rows = parseCsv(text);
  const headerAt = rows.findIndex((r) => /^Contract Number$/i.test((r[0] ?? "").trim()));
  if (headerAt < 0) throw new Error(`Cannot read ${file}: no header row starting with "Contract Number"`);
  const header = rows[headerAt]!.map((h) => normaliseText(h).toLowerCase());
  const col = (name: string) => {
    const i = header.indexOf(name.toLowerCase());
    if (i < 0) throw new Error(`Cannot read ${file}: column "${name}" is missing`);
    return i;
  };
  const pr = col("Puerto Rico Only");
  const facs = [col("Part C FAC"), col("Part D MA-PD FAC"), col("Part D PDP FAC"), col("Overall FAC")];
  const out: CmsCaiRow[] = [];
  for (let r = headerAt + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const id = (row[0] ?? "").trim();
    if (id === "") continue;
    if (!CONTRACT_ID.test(id)) {
      throw cellError(file, r + 1, 1, row[0] ?? "", "expected a contract ID like H1234");
    }
    const prText = (row[pr] ?? "").trim().toLowerCase();
    if (prText !== "yes" && prText !== "no") {
      throw cellError(file, r + 1, pr + 1, row[pr] ?? "", "expected Yes or No");
    }
    const [c, dma, dpdp, o] = facs.map((i) => {
      const v = (row[i] ?? "").trim();
      if (/^n\/a$/i.test(v)) return null;
      if (!/^\d+$/.test(v)) {
        throw cellError(file, r + 1, i + 1, row[i] ?? "", "expected a category number or N/A");
      }
      return Number(v);
    });
    out.push({
      contractId: id,
      puertoRicoOnly: prText === "yes",
      partCFac: c!,
      partDMaPdFac: dma!,
      partDPdpFac: dpdp!,
      overallFac: o!,
    });
  }
  return out;
}

/** Maps CMS's "Organization Type" to the contract kinds of the minimum-measure rules (TN Table 1). */
export function contractKind(organizationType: string): ContractKind | undefined {
  const t = normaliseText(organizationType).toLowerCase();
  if (t.endsWith("pdp")) return "pdp";
  if (t.includes("ccp")) return "ccp";
  if (t.includes("1876 cost")) return "cost";
  if (t === "msa") return "msa";
  if (t === "pffs") return "pffs";
  return undefined;
}
