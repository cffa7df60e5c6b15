/**
 * Checks a contract-level measure scenario file before the pipeline reads it, so a bad row stops
 * the build with the file, row, column, value and what was expected rather than a SQL cast error.
 */
import { parseCsv } from "../../src/lib/stars/csv.ts";

const COLUMNS = ["contract_id", "measure_id", "measurement_year", "star_year", "score", "precision"] as const;

/**
 * Throws on the first problem: a header other than {@linkcode COLUMNS}, a measure ID not shaped
 * like CMS's (C01…, D01…), a year that is not a whole number, a star year other than measurement
 * year + 2, a score that is not a number, or a precision outside 0–6.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const header = "contract_id,measure_id,measurement_year,star_year,score,precision";
 * checkScenario(`${header}\nH1,C22,2025,2027,84,0\n`, "s.csv");
 * assert.throws(() => checkScenario(`${header}\nH1,C22,2025,2027,high,0\n`, "s.csv"), /"score" is "high"/);
 * ```
 */
export function checkScenario(text: string, file: string): void {
  const rows = parseCsv(text).filter((r) => r.some((f) => f.trim() !== ""));
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  if (header.join(",") !== COLUMNS.join(",")) {
    throw new Error(
      `Cannot read ${file}: the header is "${header.join(",")}", expected "${COLUMNS.join(",")}"`,
    );
  }
  rows.slice(1).forEach((row, i) => {
    const at = (column: string, value: string | undefined, expected: string) =>
      new Error(
        `Cannot read ${file} row ${i + 2}: "${column}" is ${
          JSON.stringify(value ?? "")
        }, expected ${expected}`,
      );
    const [contract, measure, year, starYear, score, precision] = row.map((f) => f.trim());
    if (!contract) throw at("contract_id", contract, "a contract ID");
    if (!/^[CD]\d\d$/.test(measure ?? "")) {
      throw at("measure_id", measure, "a CMS measure ID such as C22 or D05");
    }
    if (!/^\d{4}$/.test(year ?? "")) throw at("measurement_year", year, "a four-digit year");
    if (Number(starYear) !== Number(year) + 2) {
      throw at("star_year", starYear, `${Number(year) + 2} (year + 2)`);
    }
    if (score === undefined || score === "" || !Number.isFinite(Number(score))) {
      throw at("score", score, "a number");
    }
    if (!/^[0-6]$/.test(precision ?? "")) throw at("precision", precision, "a whole number of decimals 0–6");
  });
}
