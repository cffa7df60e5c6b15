/** Pipeline settings shared by the site loader and the command line, read from the environment. */

/** The seed used when none is given. */
export const DEFAULT_SEED = 20261;

/** Reads `LODESTAR_SEED` (a non-negative integer), or the default. */
export function seedFromEnv(get: (name: string) => string | undefined): number {
  const raw = get("LODESTAR_SEED");
  if (raw === undefined || raw === "") return DEFAULT_SEED;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`Cannot read LODESTAR_SEED: expected a non-negative integer, got "${raw}"`);
  }
  return seed;
}

/** Reads `LODESTAR_INPUT` (a folder of the analyst's files) and `LODESTAR_MAPPING`, if set. */
export function inputFromEnv(
  get: (name: string) => string | undefined,
): { input?: string; mapping?: string } {
  const input = get("LODESTAR_INPUT");
  const mapping = get("LODESTAR_MAPPING");
  return { ...(input ? { input } : {}), ...(mapping ? { mapping } : {}) };
}

/** The synthetic scale used when none is given. */
export const DEFAULT_SCALE = "default";

/** Reads `LODESTAR_SCALE` (a scale named in the scenario file), or the default. */
export function scaleFromEnv(get: (name: string) => string | undefined): string {
  const raw = get("LODESTAR_SCALE");
  return raw === undefined || raw === "" ? DEFAULT_SCALE : raw;
}
