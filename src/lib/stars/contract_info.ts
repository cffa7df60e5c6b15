import type { ContractInfo } from "./cms_contracts.js";
import { parseCsv } from "./csv.js";

/**
 * Parses a contract-facts CSV with `contract_id` and any of `snp` (Y/N), `isnp_only` (Y/N) and
 * `disaster_2024_pct` (0–100): the facts CMS publishes in its Summary Ratings table (SNP, disaster share)
 * or not at all (whether a contract offers only institutional SNPs). Other columns are ignored.
 */
export function parseContractInfo(text: string, file: string): Map<string, ContractInfo> {
  const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ""));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const id = header.indexOf("contract_id");
  if (id < 0) throw new Error(`Cannot read ${file}: column "contract_id" is missing`);
  const snp = header.indexOf("snp");
  const isnp = header.indexOf("isnp_only");
  const disaster = header.indexOf("disaster_2024_pct");
  const out = new Map<string, ContractInfo>();
  rows.slice(1).forEach((row, i) => {
    const where = (column: string, value: string, expected: string) =>
      new Error(`Cannot read ${file} row ${i + 2}: "${column}" must be ${expected} ("${value}")`);
    const flag = (index: number, column: string): boolean | undefined => {
      if (index < 0) return undefined;
      const v = (row[index] ?? "").trim();
      if (v === "") return undefined;
      if (v === "Y" || v === "N") return v === "Y";
      throw where(column, v, "Y or N");
    };
    const contractId = (row[id] ?? "").trim();
    if (!/^[A-Z]\d{4}$/.test(contractId)) throw where("contract_id", contractId, "a contract ID like H1234");
    let disasterPct: number | null = null;
    if (disaster >= 0 && (row[disaster] ?? "").trim() !== "") {
      const v = (row[disaster] ?? "").trim();
      disasterPct = Number(v);
      if (!Number.isFinite(disasterPct) || disasterPct < 0 || disasterPct > 100) {
        throw where("disaster_2024_pct", v, "a percentage from 0 to 100");
      }
    }
    out.set(contractId, { snp: flag(snp, "snp"), isnpOnly: flag(isnp, "isnp_only"), disasterPct });
  });
  return out;
}
