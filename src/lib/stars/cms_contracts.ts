import type { Catalogue } from "./catalogue.js";
import { type CmsCaiRow, type CmsContractRow, type CmsMeasureTable, contractKind } from "./cms_tables.js";
import type { CutPoints } from "./measure_stars.js";
import type { ContractProfile } from "./summary.js";
import type { MeasureState } from "./whatif.js";

/** Contract facts CMS publishes in the Summary Ratings table rather than in Measure Stars or CAI. */
export interface ContractInfo {
  snp?: boolean;
  isnpOnly?: boolean;
  disasterPct?: number | null;
}

/** A contract ready for {@link rateContract}: its profile and its measure stars by stable key. */
export interface RatedContractInput {
  profile: ContractProfile;
  stars: Map<string, number>;
}

/**
 * Builds each contract's profile and measure stars from CMS's Measure Stars and CAI tables. MA contracts
 * offer Part D when any Part D measure is not "Plan not required to report measure"; without `info`, a
 * contract is taken to offer a SNP when it was required to report SNP Care Management. Contracts of types
 * the Star Ratings do not rate (e.g. PACE) are left out.
 */
export function contractsFromCms(
  stars: CmsMeasureTable,
  cai: readonly CmsCaiRow[],
  catalogue: Catalogue,
  info: ReadonlyMap<string, ContractInfo> = new Map(),
): RatedContractInput[] {
  const caiById = new Map(cai.map((r) => [r.contractId, r]));
  const snpMeasure = catalogue.measures.find((m) => m.key === "snp_care_management");
  const out: RatedContractInput[] = [];
  for (const row of stars.contracts) {
    const kind = contractKind(row.organizationType);
    if (!kind) continue;
    const starMap = new Map<string, number>();
    for (const m of catalogue.measures) {
      const cell = row.cells.get(m.cmsId);
      if (cell?.value === undefined) continue;
      if (!Number.isInteger(cell.value) || cell.value < 1 || cell.value > 5) {
        throw new Error(
          `Contract ${row.contractId} measure ${m.cmsId}: a measure star must be 1–5 (${cell.value})`,
        );
      }
      starMap.set(m.key, cell.value);
    }
    const offersPartD = kind === "pdp" ||
      catalogue.measures.some((m) => m.part === "D" && row.cells.get(m.cmsId)?.status !== "not_required");
    const inferredSnp = snpMeasure !== undefined &&
      row.cells.get(snpMeasure.cmsId)?.status !== "not_required";
    const c = caiById.get(row.contractId);
    const extra = info.get(row.contractId);
    out.push({
      profile: {
        contractId: row.contractId,
        kind,
        offersPartD,
        snp: extra?.snp ?? (kind !== "pdp" && inferredSnp),
        isnpOnly: extra?.isnpOnly ?? false,
        puertoRicoOnly: c?.puertoRicoOnly ?? false,
        fac: {
          part_c: c?.partCFac ?? null,
          part_d: (kind === "pdp" ? c?.partDPdpFac : c?.partDMaPdFac) ?? null,
          overall: c?.overallFac ?? null,
        },
        disasterPct: extra?.disasterPct ?? null,
      },
      stars: starMap,
    });
  }
  return out;
}

/** Cut points by stable measure key for one contract scope (Part D: `MA-PD` or `PDP`), from parsed CMS tables. */
export function cutPointsByKey(
  tables: ReadonlyMap<string, ReadonlyMap<string, CutPoints>>,
  catalogue: Catalogue,
  pdp: boolean,
): Map<string, CutPoints> {
  const out = new Map<string, CutPoints>();
  for (const m of catalogue.measures) {
    const scope = m.part === "C" ? "all" : pdp ? "PDP" : "MA-PD";
    const cut = tables.get(scope)?.get(m.cmsId);
    if (cut) out.set(m.key, cut);
  }
  return out;
}

/**
 * A contract's measures for the What-If from CMS's Measure Data and Measure Stars rows: the published score
 * for measures whose stars follow from cut points, the published star for CAHPS and improvement measures
 * (their stars also depend on significance tests, or their scores are not published).
 */
export function measureStatesFromCms(
  data: CmsContractRow,
  stars: CmsContractRow,
  catalogue: Catalogue,
): MeasureState[] {
  const out: MeasureState[] = [];
  for (const m of catalogue.measures) {
    const score = data.cells.get(m.cmsId)?.value;
    const star = stars.cells.get(m.cmsId)?.value;
    if (m.dataSource !== "cahps" && m.category !== "improvement" && score !== undefined) {
      out.push({ key: m.key, score });
    } else if (star !== undefined) out.push({ key: m.key, star });
  }
  return out;
}
