/**
 * Mappings of an analyst's layout onto the input contract. Parsing and the types are shared with
 * the browser upload page (`src/lib/input/mapping.ts`); this module loads a mapping by name or
 * path from disk.
 */
import { CONTRACT_MAPPING, type Mapping, parseMapping } from "../../src/lib/input/mapping.ts";

export * from "../../src/lib/input/mapping.ts";

/** The folder of shipped mappings. */
const SHIPPED = new URL("./mappings/", import.meta.url);

/**
 * Loads a mapping: none or `"contract"` is the contract layout; a bare name (`"flat-claims"`)
 * is a shipped mapping; anything else is a path to a mapping JSON file.
 */
export async function loadMapping(nameOrPath?: string): Promise<Mapping> {
  if (nameOrPath === undefined || nameOrPath === "contract") return CONTRACT_MAPPING;
  const shipped = /^[a-z0-9][a-z0-9_-]*$/i.test(nameOrPath);
  const location = shipped ? new URL(`${nameOrPath}.json`, SHIPPED) : nameOrPath;
  let text: string;
  try {
    text = await Deno.readTextFile(location);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    const names = [];
    for await (const e of Deno.readDir(SHIPPED)) {
      if (e.name.endsWith(".json")) names.push(e.name.slice(0, -5));
    }
    throw new Error(
      `Unknown mapping "${nameOrPath}": expected "contract", a shipped mapping (${
        names.sort().join(", ")
      }) ` +
        `or the path of a mapping JSON file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid mapping ${nameOrPath}: not JSON (${(error as Error).message})`);
  }
  return parseMapping(json, nameOrPath);
}
