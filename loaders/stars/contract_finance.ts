/**
 * Reads the money assumptions per contract (`data/synthetic/contract_finance.csv` by default): columns
 * `contract_id` (`*` is the default row for contracts not listed), `benchmark_pmpm`, `bid_pmpm`, `members`
 * (blank: the pipeline's `contracts` table gives the enrolment) and `double_bonus_county_share` (0–1).
 */
import type { ContractFinance } from "../../src/lib/stars/contract_revenue.ts";
import { parseCsv } from "../../src/lib/stars/csv.ts";

/** One row of the finance file; `members` is null when the file leaves it to the pipeline. */
export type FinanceRow = Omit<ContractFinance, "members"> & { members: number | null };

const COLUMNS = [
  "contract_id",
  "benchmark_pmpm",
  "bid_pmpm",
  "members",
  "double_bonus_county_share",
] as const;

/** Parses the finance CSV; a bad value throws `Cannot read FILE row N: "column" must be … ("value")`. */
export function parseContractFinance(text: string, file: string): Map<string, FinanceRow> {
  const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ""));
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  for (const c of COLUMNS) {
    if (!header.includes(c)) throw new Error(`Cannot read ${file}: column "${c}" is missing`);
  }
  const out = new Map<string, FinanceRow>();
  rows.slice(1).forEach((row, i) => {
    const at = (c: typeof COLUMNS[number]) => (row[header.indexOf(c)] ?? "").trim();
    const num = (c: typeof COLUMNS[number], max = Infinity) => {
      const v = Number(at(c));
      if (at(c) === "" || !(v >= 0 && v <= max)) {
        throw new Error(
          `Cannot read ${file} row ${i + 2}: "${c}" must be a number from 0 to ${
            max === Infinity ? "∞" : max
          } ("${at(c)}")`,
        );
      }
      return v;
    };
    const id = at("contract_id");
    if (!/^([A-Z]\d{4}|\*)$/.test(id)) {
      throw new Error(`Cannot read ${file} row ${i + 2}: "contract_id" must be like H1234 or * ("${id}")`);
    }
    if (out.has(id)) throw new Error(`Cannot read ${file} row ${i + 2}: contract "${id}" appears twice`);
    out.set(id, {
      benchmarkPmpm: num("benchmark_pmpm"),
      bidPmpm: num("bid_pmpm"),
      members: at("members") === "" ? null : num("members"),
      doubleBonusShare: num("double_bonus_county_share", 1),
    });
  });
  return out;
}
