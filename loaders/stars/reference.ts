import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Catalogue, catalogueFor, parseCatalogue } from "../../src/lib/stars/catalogue.ts";

/** The project's `data/reference/stars/` folder. */
export const STARS_REFERENCE_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../data/reference/stars",
);

/** Reads the measure catalogue (`data/reference/stars/measures.csv` unless `path` is given) for one Star year. */
export async function readCatalogue(
  year: number,
  path = join(STARS_REFERENCE_DIR, "measures.csv"),
): Promise<Catalogue> {
  return catalogueFor(parseCatalogue(await Deno.readTextFile(path), path), year);
}
