/**
 * The recommendation actions (`data/reference/recommendation_actions.csv`; not the costed What-If
 * interventions of `data/reference/stars/interventions.csv`): one row per scope (`measure` or
 * `driver`) and key (a measure key, a risk-driver word, or `*` for the default), with an action and
 * why it works. Both the rule library and the model's context draw on it.
 */
import { fileURLToPath } from "node:url";
import { parseCsv } from "../../src/lib/stars/csv.ts";

/** One library line. */
export interface Intervention {
  scope: "measure" | "driver";
  key: string;
  action: string;
  mechanism: string;
}

/** The shipped library file. */
export const LIBRARY_PATH = fileURLToPath(
  new URL("../../data/reference/recommendation_actions.csv", import.meta.url),
);

const HEADER = ["scope", "key", "action", "mechanism"];

/** Parses the library CSV; `file` names it in errors. */
export function parseLibrary(text: string, file = "recommendation_actions.csv"): Intervention[] {
  const [header, ...rows] = parseCsv(text);
  if (!header || header.join(",") !== HEADER.join(",")) {
    throw new Error(
      `Cannot read ${file}: the header must be "${HEADER.join(",")}" (got "${header?.join(",")}")`,
    );
  }
  return rows.filter((r) => r.some((c) => c !== "")).map((r, i) => {
    const [scope, key, action, mechanism] = r;
    if (scope !== "measure" && scope !== "driver") {
      throw new Error(`Cannot read ${file} row ${i + 2}: "scope" must be measure or driver ("${scope}")`);
    }
    for (const [name, value] of [["key", key], ["action", action], ["mechanism", mechanism]] as const) {
      if (!value) throw new Error(`Cannot read ${file} row ${i + 2}: "${name}" is empty`);
    }
    return { scope, key: key!, action: action!, mechanism: mechanism! };
  });
}

/** Reads the library from `path` (the shipped file by default). */
export async function loadLibrary(path = LIBRARY_PATH): Promise<Intervention[]> {
  return parseLibrary(await Deno.readTextFile(path), path);
}

/** The library lines for a measure key, or the measure default when the key has none. */
export function forMeasure(library: readonly Intervention[], measureKey: string): Intervention[] {
  const own = library.filter((l) => l.scope === "measure" && l.key === measureKey);
  return own.length > 0 ? own : library.filter((l) => l.scope === "measure" && l.key === "*");
}

/** The library lines for a risk driver: keys that are words of the feature name, else the default. */
export function forDriver(library: readonly Intervention[], feature: string): Intervention[] {
  const words = new Set(feature.toLowerCase().split(/[^a-z0-9]+/));
  const own = library.filter((l) => l.scope === "driver" && words.has(l.key));
  return own.length > 0 ? own : library.filter((l) => l.scope === "driver" && l.key === "*");
}
