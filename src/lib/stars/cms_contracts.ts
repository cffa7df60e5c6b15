import type { Catalogue } from "./catalogue.js";
import { type CmsCaiRow, type CmsMeasureTable, contractKind } from "./cms_tables.js";
import type { ContractProfile } from "./summary.js";

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
