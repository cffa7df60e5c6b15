/**
 * Minimal reading of two CMS Star Ratings Data Table CSVs as downloaded (BOM, multi-row headers,
 * text statuses): the Measure Data file (every contract's score per measure) and the Part C /
 * Part D Cut Points files (published thresholds). Only what the cut-point computation needs.
 */
import { splitRecord } from "../input/detect_csv.ts";
import type { Direction, Thresholds } from "../../src/lib/stars/cut_points_cluster.ts";

/** The Part D cut points and clustering pools are separate for MA-PD and PDP contracts. */
export type Pool = "MA-PD" | "PDP";

/** One contract's numeric score on one measure. */
export interface ContractScore {
  contractId: string;
  /** "PDP" for stand-alone drug plans, "MA-PD" for every other organization type */
  pool: Pool;
  /** e.g. "C01" */
  measureId: string;
  score: number;
}

function records(text: string): string[][] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  return body.split(/\r?\n/).filter((line) => line.trim() !== "").map((line) => splitRecord(line, ","));
}

const MEASURE_HEADER = /^([CD]\d\d):/;

/**
 * A score cell: "76%", "0.24", "-0.121368" → number; a text status ("Plan too small to be measured",
 * "No data available", …) → null. Anything else is an error naming the file, row and column.
 */
export function parseScore(cell: string, where: string): number | null {
  const v = cell.trim();
  if (v === "") return null;
  if (/^-?\d+(\.\d+)?\s*%?$/.test(v)) return Number(v.replace("%", "").trim());
  if (/^[A-Za-z]/.test(v)) return null;
  throw new Error(`Cannot read ${where}: expected a score or a text status, got ${JSON.stringify(cell)}`);
}

/**
 * Every numeric score in a Measure Data CSV. Header rows: title, domains, measure names
 * ("C01: Breast Cancer Screening"), measurement periods; then one row per contract with its
 * CONTRACT_ID in column 1 and organization type in column 2.
 */
export function readMeasureData(text: string, file = "Measure Data"): ContractScore[] {
  const rows = records(text);
  const headerIndex = rows.findIndex((r) => r.some((c) => MEASURE_HEADER.test(c)));
  if (headerIndex < 0) throw new Error(`Cannot read ${file}: no measure header row ("C01: …")`);
  const header = rows[headerIndex]!;
  const measures = header.flatMap((c, col) => {
    const m = MEASURE_HEADER.exec(c);
    return m ? [{ col, id: m[1]! }] : [];
  });
  const out: ContractScore[] = [];
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const row = rows[r]!;
    const contractId = row[0]!.trim();
    if (!/^[A-Z]\d{4}$/.test(contractId)) continue; // the measurement-period row and footers
    const pool: Pool = /PDP/.test(row[1] ?? "") ? "PDP" : "MA-PD";
    for (const { col, id } of measures) {
      const score = parseScore(row[col] ?? "", `${file} row ${r + 1}, column ${id} (${contractId})`);
      if (score !== null) out.push({ contractId, pool, measureId: id, score });
    }
  }
  return out;
}

/** One measure's published thresholds, from a Cut Points CSV. */
export interface PublishedCutPoints {
  measureId: string;
  /** "MA-PD" or "PDP" for Part D; Part C cut points apply to all (recorded as "MA-PD") */
  pool: Pool;
  direction: Direction;
  thresholds: Thresholds;
}

function numberIn(cell: string, operator: string, where: string): number {
  const m = new RegExp(`${operator}\\s*(-?\\d+(?:\\.\\d+)?)`).exec(cell);
  if (m) return Number(m[1]);
  const plain = /^\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(cell); // "100%": the only value that earns 5 stars
  if (plain) return Number(plain[1]);
  throw new Error(`Cannot read ${where}: expected "${operator} number", got ${JSON.stringify(cell)}`);
}

/**
 * Thresholds of every measure in a Part C or Part D Cut Points CSV. Rows "1star" … "5star" (Part D
 * rows start with the organization type). The 1-star cell's operator gives the direction ("< 58 %":
 * higher is better; "> 12 %": lower is better); the s-star row gives tₛ as its "≥" bound (higher is
 * better) or its "≤" bound (lower is better).
 */
export function readCutPoints(text: string, file = "Cut Points"): PublishedCutPoints[] {
  const rows = records(text);
  const header = rows.find((r) => r.some((c) => MEASURE_HEADER.test(c)));
  if (!header) throw new Error(`Cannot read ${file}: no measure header row ("C01: …")`);
  const measures = header.flatMap((c, col) => {
    const m = MEASURE_HEADER.exec(c);
    return m ? [{ col, id: m[1]! }] : [];
  });
  const byPool = new Map<Pool, Map<number, string[]>>();
  rows.forEach((row) => {
    const starCell = row.findIndex((c) => /^\dstar$/.test(c.trim()));
    if (starCell < 0) return;
    const pool: Pool = row.slice(0, starCell).some((c) => c.trim() === "PDP") ? "PDP" : "MA-PD";
    const stars = Number(row[starCell]!.trim()[0]);
    if (!byPool.has(pool)) byPool.set(pool, new Map());
    byPool.get(pool)!.set(stars, row);
  });
  const out: PublishedCutPoints[] = [];
  for (const [pool, starRows] of byPool) {
    for (const { col, id } of measures) {
      const cell = (s: number) => {
        const row = starRows.get(s);
        if (!row) throw new Error(`Cannot read ${file}: no ${s}star row for ${pool}`);
        return row[col] ?? "";
      };
      const direction: Direction = cell(1).trim().startsWith(">") ? "lower" : "higher";
      const op = direction === "higher" ? ">=" : "<=";
      const t = [2, 3, 4, 5].map((s) => numberIn(cell(s), op, `${file} ${pool} ${s}star, ${id}`));
      out.push({ measureId: id, pool, direction, thresholds: t as Thresholds });
    }
  }
  return out;
}
