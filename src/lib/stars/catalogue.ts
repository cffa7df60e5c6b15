import { parseCsv } from "./csv.js";

/** Part C (health plan) or Part D (drug plan). */
export type Part = "C" | "D";
/** Whether a higher or a lower score earns more stars. */
export type Direction = "higher" | "lower";
/** Measure category; it sets the weight (TN Attachment G). */
export type Category =
  | "process"
  | "intermediate_outcome"
  | "outcome"
  | "patient_experience"
  | "access"
  | "improvement";

const CATEGORIES: readonly Category[] = [
  "process",
  "intermediate_outcome",
  "outcome",
  "patient_experience",
  "access",
  "improvement",
];

/** One measure of one Star Ratings year, as listed in `data/reference/stars/measures.csv`. */
export interface Measure {
  year: number;
  /** Stable key across years (`bcs`, `pdc_statins`, …); CMS renumbers IDs when measures come and go. */
  key: string;
  /** That year's CMS ID (`C01` … `D12`). */
  cmsId: string;
  name: string;
  part: Part;
  domain: string;
  category: Category;
  weight: number;
  direction: Direction;
  dataSource: string;
  /** Scored in the improvement measures C30/D04 (TN Attachment I). */
  improvementInput: boolean;
  /** One of the clinical measures the CAI is built from (TN "Categorical Adjustment Index"). */
  caiInput: boolean;
  /** First year in the program: weight 1, and the disaster "without new measures" alternative drops it. */
  newMeasure: boolean;
  /** Reported by special needs plans only (counts toward the "with SNP" minimums). */
  snpOnly: boolean;
  /** Counted in the overall rating (the Part D copies of complaints and disenrollment are not). */
  inOverall: boolean;
  /** Decimals at which CMS displays, rounds and compares the score. */
  precision: number;
}

/** The measures of one Star year, with lookups. */
export interface Catalogue {
  year: number;
  measures: readonly Measure[];
  byKey: ReadonlyMap<string, Measure>;
  byCmsId: ReadonlyMap<string, Measure>;
}

const COLUMNS = [
  "star_year",
  "key",
  "cms_id",
  "name",
  "part",
  "domain",
  "category",
  "weight",
  "direction",
  "data_source",
  "improvement_input",
  "cai_input",
  "new_measure",
  "snp_only",
  "in_overall",
  "precision",
] as const;

/**
 * Parses the measure catalogue CSV (columns as in `data/reference/stars/measures.csv`). Every value is checked;
 * a bad one throws `Cannot read measures.csv row 5: "weight" must be a number ≥ 0 ("x")`.
 */
export function parseCatalogue(text: string, source = "measures.csv"): Measure[] {
  const rows = parseCsv(text).filter((r) => r.some((c) => c.trim() !== ""));
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  for (const column of COLUMNS) {
    if (!header.includes(column)) throw new Error(`Cannot read ${source}: column "${column}" is missing`);
  }
  const at = (row: string[], column: typeof COLUMNS[number]) => (row[header.indexOf(column)] ?? "").trim();
  return rows.slice(1).map((row, i) => {
    const fail = (column: string, expected: string): never => {
      throw new Error(
        `Cannot read ${source} row ${i + 2}: "${column}" must be ${expected} ("${
          at(row, column as typeof COLUMNS[number])
        }")`,
      );
    };
    const int = (column: typeof COLUMNS[number]) => {
      const v = Number(at(row, column));
      return Number.isInteger(v) && v >= 0 && at(row, column) !== "" ? v : fail(column, "a whole number ≥ 0");
    };
    const flag = (column: typeof COLUMNS[number]) =>
      at(row, column) === "Y" ? true : at(row, column) === "N" ? false : fail(column, "Y or N");
    const part = at(row, "part");
    if (part !== "C" && part !== "D") fail("part", "C or D");
    const direction = at(row, "direction");
    if (direction !== "higher" && direction !== "lower") fail("direction", "higher or lower");
    const category = at(row, "category") as Category;
    if (!CATEGORIES.includes(category)) fail("category", CATEGORIES.join(", "));
    const cmsId = at(row, "cms_id");
    if (!/^[CD]\d{2}$/.test(cmsId) || cmsId[0] !== part) fail("cms_id", `a ${part}NN measure ID`);
    const key = at(row, "key");
    if (!/^[a-z][a-z0-9_]*$/.test(key)) fail("key", "lowercase snake_case");
    return {
      year: int("star_year"),
      key,
      cmsId,
      name: at(row, "name"),
      part: part as Part,
      domain: at(row, "domain"),
      category,
      weight: int("weight"),
      direction: direction as Direction,
      dataSource: at(row, "data_source"),
      improvementInput: flag("improvement_input"),
      caiInput: flag("cai_input"),
      newMeasure: flag("new_measure"),
      snpOnly: flag("snp_only"),
      inOverall: flag("in_overall"),
      precision: int("precision"),
    };
  });
}

/** The catalogue of one Star year (2026 by default); throws when the year is absent or a key repeats. */
export function catalogueFor(measures: readonly Measure[], year = 2026): Catalogue {
  const ofYear = measures.filter((m) => m.year === year);
  if (ofYear.length === 0) {
    const years = [...new Set(measures.map((m) => m.year))].sort().join(", ");
    throw new Error(`No measures for Star year ${year} in the catalogue (years: ${years})`);
  }
  const byKey = new Map<string, Measure>();
  const byCmsId = new Map<string, Measure>();
  for (const m of ofYear) {
    if (byKey.has(m.key)) throw new Error(`Star year ${year}: measure key "${m.key}" appears twice`);
    if (byCmsId.has(m.cmsId)) throw new Error(`Star year ${year}: CMS ID "${m.cmsId}" appears twice`);
    byKey.set(m.key, m);
    byCmsId.set(m.cmsId, m);
  }
  return { year, measures: ofYear, byKey, byCmsId };
}

/** The measure with a stable key in a catalogue, or a specific error. */
export function measureByKey(catalogue: Catalogue, key: string): Measure {
  const m = catalogue.byKey.get(key);
  if (!m) throw new Error(`Star year ${catalogue.year} has no measure "${key}"`);
  return m;
}
