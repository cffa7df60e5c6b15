import type { Catalogue } from "./catalogue.js";
import { type CmsMeasureTable, contractKind, type CutPointTable } from "./cms_tables.js";
import { starFromScore } from "./measure_stars.js";

/** One contract × measure: CMS's score or status, CMS's star, and the star the engine gives the score. */
export interface MeasureRow {
  contractId: string;
  key: string;
  cmsId: string;
  score: number | null;
  /** CMS's text status where there is no score (`too_small`, `star_only`, …), else "". */
  status: string;
  star: number | null;
  /**
   * The star from the score and the cut points, for measures whose stars follow from cut points alone; 1 for
   * "CMS identified issues"; null for CAHPS and improvement measures or without a score.
   */
  starFromScore: number | null;
}

/**
 * Joins CMS's Measure Stars with Measure Data and the cut points (when given), one row per contract × measure
 * of the catalogue, in file order.
 */
export function measureRows(
  stars: CmsMeasureTable,
  catalogue: Catalogue,
  data?: CmsMeasureTable,
  cutPoints?: ReadonlyMap<string, CutPointTable>,
): MeasureRow[] {
  const dataById = new Map(data?.contracts.map((c) => [c.contractId, c]) ?? []);
  const rows: MeasureRow[] = [];
  for (const contract of stars.contracts) {
    const pdp = contractKind(contract.organizationType) === "pdp";
    const dataRow = dataById.get(contract.contractId);
    for (const m of catalogue.measures) {
      const starCell = contract.cells.get(m.cmsId);
      const dataCell = dataRow?.cells.get(m.cmsId);
      const cut = cutPoints?.get(m.part === "C" ? "all" : pdp ? "PDP" : "MA-PD")?.get(m.cmsId);
      const fromCutPoints = m.dataSource !== "cahps" && m.category !== "improvement";
      let computed: number | null = null;
      if (fromCutPoints && dataCell?.value !== undefined && cut) {
        computed = starFromScore(dataCell.value, cut, m.precision);
      } else if (dataCell?.status === "cms_identified_issues") computed = 1;
      rows.push({
        contractId: contract.contractId,
        key: m.key,
        cmsId: m.cmsId,
        score: dataCell?.value ?? null,
        status: dataCell?.status ?? starCell?.status ?? "",
        star: starCell?.value ?? null,
        starFromScore: computed,
      });
    }
  }
  return rows;
}

/** The rows of {@link measureRows} as CSV (`contract_id,measure_key,cms_id,score,status,star,star_from_score`). */
export function measureRowsCsv(rows: readonly MeasureRow[]): string {
  const lines = ["contract_id,measure_key,cms_id,score,status,star,star_from_score"];
  for (const r of rows) {
    lines.push(
      [r.contractId, r.key, r.cmsId, r.score ?? "", r.status, r.star ?? "", r.starFromScore ?? ""].join(","),
    );
  }
  return lines.join("\n") + "\n";
}
