/**
 * The plan's own contracts as engine inputs, from the pipeline's tables as pages and loaders read them
 * (plain row objects): the measure catalogue, the national cut points and `contract_measure_rates`.
 */
import type { Catalogue, Category, Direction, Measure, Part } from "./catalogue.js";
import { catalogueFor } from "./catalogue.js";
import type { CutPoints, Thresholds } from "./measure_stars.js";
import { RULES_2026 } from "./rules.js";
import type { ContractProfile } from "./summary.js";
import type { MeasureState, WhatIfContext } from "./whatif.js";

type Row = Record<string, unknown>;

function fail(table: string, i: number, column: string, value: unknown, expected: string): never {
  throw new Error(
    `Cannot read ${table} row ${i + 1}: "${column}" must be ${expected} (${JSON.stringify(value)})`,
  );
}

function num(table: string, row: Row, i: number, column: string): number {
  const v = row[column];
  const n = typeof v === "bigint" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : fail(table, i, column, v, "a number");
}

function optionalNum(table: string, row: Row, i: number, column: string): number | undefined {
  const v = row[column];
  return v === null || v === undefined ? undefined : num(table, row, i, column);
}

function text(table: string, row: Row, i: number, column: string): string {
  const v = row[column];
  return typeof v === "string" && v !== "" ? v : fail(table, i, column, v, "a non-empty text");
}

/** The catalogue of one Star year from `stars_catalogue` rows (the columns of `measures.csv`; flags as Y/N). */
export function catalogueFromRows(rows: Iterable<Row>, year = 2026): Catalogue {
  const table = "stars_catalogue";
  const measures: Measure[] = [...rows].map((r, i) => {
    const flag = (column: string) => {
      const v = r[column];
      return v === "Y" ? true : v === "N" ? false : fail(table, i, column, v, "Y or N");
    };
    return {
      year: num(table, r, i, "star_year"),
      key: text(table, r, i, "key"),
      cmsId: text(table, r, i, "cms_id"),
      name: text(table, r, i, "name"),
      part: text(table, r, i, "part") as Part,
      domain: text(table, r, i, "domain"),
      category: text(table, r, i, "category") as Category,
      weight: num(table, r, i, "weight"),
      direction: text(table, r, i, "direction") as Direction,
      dataSource: text(table, r, i, "data_source"),
      improvementInput: flag("improvement_input"),
      caiInput: flag("cai_input"),
      newMeasure: flag("new_measure"),
      snpOnly: flag("snp_only"),
      inOverall: flag("in_overall"),
      precision: num(table, r, i, "precision"),
    };
  });
  return catalogueFor(measures, year);
}

/**
 * Cut points by measure key from `stars_cut_points_2026` rows (`measure_key`, `pool`, `direction`, `t2`…`t5`)
 * for one contract scope: Part C rows have pool `all`; Part D rows `MA-PD` or `PDP`.
 */
export function cutPointsFromRows(rows: Iterable<Row>, pdp = false): Map<string, CutPoints> {
  const table = "stars_cut_points_2026";
  const out = new Map<string, CutPoints>();
  let i = 0;
  for (const r of rows) {
    const pool = text(table, r, i, "pool");
    if (pool === "all" || pool === (pdp ? "PDP" : "MA-PD")) {
      const direction = text(table, r, i, "direction");
      if (direction !== "higher" && direction !== "lower") {
        fail(table, i, "direction", direction, "higher or lower");
      }
      const thresholds = ["t2", "t3", "t4", "t5"].map((c) => num(table, r, i, c)) as Thresholds;
      out.set(text(table, r, i, "measure_key"), { direction, thresholds });
    }
    i++;
  }
  return out;
}

/**
 * A contract's measure states for one Star year from `contract_measure_rates` rows: claims measures keep their
 * numerator and denominator (members or events) and the rate; scenario measures keep the score. Rows of other
 * contracts or years, measures the catalogue does not have, and measures with no rate are skipped.
 */
export function measureStatesFromRates(
  rows: Iterable<Row>,
  catalogue: Catalogue,
  contractId: string,
  starYear = catalogue.year,
): MeasureState[] {
  const table = "contract_measure_rates";
  const out: MeasureState[] = [];
  let i = 0;
  for (const r of rows) {
    const at = i++;
    if (r.contract_id !== contractId || num(table, r, at, "star_year") !== starYear) continue;
    const measure = catalogue.byCmsId.get(text(table, r, at, "measure_id"));
    const score = optionalNum(table, r, at, "rate");
    if (!measure || score === undefined) continue;
    const denominator = optionalNum(table, r, at, "denominator");
    const numerator = optionalNum(table, r, at, "numerator");
    if (denominator !== undefined && denominator > 0 && numerator !== undefined) {
      if (numerator < 0 || numerator > denominator) {
        fail(table, at, "numerator", numerator, `0 to the denominator ${denominator}`);
      }
      out.push({ key: measure.key, score: (100 * numerator) / denominator, numerator, denominator });
    } else if (denominator === undefined) out.push({ key: measure.key, score });
  }
  return out;
}

/**
 * The profile of an own contract: a coordinated care plan that offers Part D when it has any Part D measure,
 * without SNPs unless it reports SNP Care Management, no CAI adjustment (its final adjustment categories come
 * from CMS's CAI file, which an own contract's data do not give) and no disaster share.
 */
export function ownProfile(
  contractId: string,
  states: readonly MeasureState[],
  catalogue: Catalogue,
): ContractProfile {
  const part = (key: string) => catalogue.byKey.get(key)?.part;
  return {
    contractId,
    kind: "ccp",
    offersPartD: states.some((s) => part(s.key) === "D"),
    snp: states.some((s) => s.key === "snp_care_management"),
    puertoRicoOnly: false,
    fac: { part_c: null, part_d: null, overall: null },
    disasterPct: null,
  };
}

/** The What-If context of an own contract under the 2026 rules. */
export function ownContext(
  catalogue: Catalogue,
  cutPoints: ReadonlyMap<string, CutPoints>,
  contractId: string,
  states: readonly MeasureState[],
): WhatIfContext {
  return { catalogue, rules: RULES_2026, cutPoints, profile: ownProfile(contractId, states, catalogue) };
}
