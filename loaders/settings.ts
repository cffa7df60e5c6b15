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
