import { type Catalogue, catalogueFor, parseCatalogue } from "../stars/catalogue.js";
import { cutPointsByKey } from "../stars/cms_contracts.js";
import { parseCmsCutPoints } from "../stars/cms_tables.js";
import type { CutPoints } from "../stars/measure_stars.js";
import { rulesFor, type YearRules } from "../stars/rules.js";

/** The bundled reference texts: the measure catalogue CSV and CMS's Part C and Part D Cut Points CSVs. */
export interface StarReferenceTexts {
  year: number;
  measures: string;
  cutPointsC: string;
  cutPointsD: string;
}

/** The engine's inputs for a Star year, built from the bundled texts with the engine's own parsers. */
export interface StarReference {
  catalogue: Catalogue;
  rules: YearRules;
  bundled: { mapd: Map<string, CutPoints>; pdp: Map<string, CutPoints> };
}

/** Parses the bundled reference texts of one Star year. */
export function starReference(texts: StarReferenceTexts): StarReference {
  const catalogue = catalogueFor(parseCatalogue(texts.measures), texts.year);
  const tables = new Map([
    ...parseCmsCutPoints(texts.cutPointsC, "Part C Cut Points"),
    ...parseCmsCutPoints(texts.cutPointsD, "Part D Cut Points"),
  ]);
  return {
    catalogue,
    rules: rulesFor(texts.year),
    bundled: { mapd: cutPointsByKey(tables, catalogue, false), pdp: cutPointsByKey(tables, catalogue, true) },
  };
}
