/**
 * The cut-point computation's view of CMS's Star Ratings Data Table CSVs: every contract's numeric score per
 * measure (from the Measure Data file) and the published thresholds (from the Part C / Part D Cut Points
 * files), both parsed by the one CMS table reader in `src/lib/stars/cms_tables.ts`.
 */
import { parseCmsCutPoints, parseCmsMeasureTable } from "../../src/lib/stars/cms_tables.ts";
import type { Direction } from "../../src/lib/stars/catalogue.ts";
import type { Thresholds } from "../../src/lib/stars/measure_stars.ts";

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

/** Every numeric score in a Measure Data CSV; text statuses ("Plan too small to be measured") are no score. */
export function readMeasureData(text: string, file = "Measure Data"): ContractScore[] {
  const table = parseCmsMeasureTable(text, file);
  const out: ContractScore[] = [];
  for (const row of table.contracts) {
    const pool: Pool = /PDP/.test(row.organizationType) ? "PDP" : "MA-PD";
    for (const { cmsId } of table.measures) {
      const cell = row.cells.get(cmsId);
      if (cell?.value !== undefined) {
        out.push({ contractId: row.contractId, pool, measureId: cmsId, score: cell.value });
      }
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

/** Thresholds of every measure in a Part C or Part D Cut Points CSV, Part C recorded under the MA-PD pool. */
export function readCutPoints(text: string, file = "Cut Points"): PublishedCutPoints[] {
  const out: PublishedCutPoints[] = [];
  for (const [scope, table] of parseCmsCutPoints(text, file)) {
    if (scope !== "all" && scope !== "MA-PD" && scope !== "PDP") {
      throw new Error(`Cannot read ${file}: unknown organization type "${scope}" (expected MA-PD or PDP)`);
    }
    const pool: Pool = scope === "PDP" ? "PDP" : "MA-PD";
    for (const [measureId, cut] of table) {
      out.push({ measureId, pool, direction: cut.direction, thresholds: [...cut.thresholds] as Thresholds });
    }
  }
  return out;
}
