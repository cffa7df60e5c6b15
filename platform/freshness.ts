/**
 * Keeps Framework's loader cache honest. Framework re-runs a data loader only when the loader file
 * itself is newer than its cached output; Lodestar's loaders are thin entry points over `loaders/`, `src/lib/`,
 * `models/` and `data/`, and may read an analyst's input folder. This module fingerprints
 * everything a loader output depends on and, when the fingerprint changes, deletes the cached
 * loader outputs so the next build or page view regenerates them.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

/** Folders (relative to the project root) whose contents loader outputs depend on. */
export const SOURCE_DIRS: readonly string[] = [
  "loaders",
  "models",
  "data",
  "src/lib",
  // committed goldens the validation step compares with (loaders/validation/step.ts)
  "test/input/logistic",
  "test/golden/logistic",
  "test/output",
];

/** Environment variables that change what loaders produce. */
export const INPUT_ENV: readonly string[] = [
  "LODESTAR_INPUT",
  "LODESTAR_MAPPING",
  "LODESTAR_SEED",
  "LODESTAR_SCALE",
];

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * A fingerprint of the loader inputs: the contents of {@linkcode SOURCE_DIRS}, the values of
 * {@linkcode INPUT_ENV}, and the names, sizes and modification times of the files in the
 * analyst's input folder (contents are not read: input files may be hundreds of megabytes).
 */
export function inputFingerprint(root: string, env: Record<string, string | undefined>): string {
  const hash = createHash("sha256");
  for (const dir of SOURCE_DIRS) {
    for (const path of walk(join(root, dir))) {
      hash.update(`${relative(root, path)}\0`);
      hash.update(readFileSync(path));
      hash.update("\0");
    }
  }
  for (const name of INPUT_ENV) hash.update(`${name}=${env[name] ?? ""}\0`);
  const input = env.LODESTAR_INPUT;
  if (input) {
    for (const path of walk(resolve(root, input))) {
      const { size, mtimeMs } = statSync(path);
      hash.update(`${path}\0${size}\0${mtimeMs}\0`);
    }
  }
  return hash.digest("hex");
}

/** Options for {@linkcode invalidateStaleOutputs}. */
export interface FreshnessOptions {
  /** Project root. */
  root: string;
  /** Framework source root relative to `root`. Default `src`. */
  srcDir?: string;
  /** Environment to read {@linkcode INPUT_ENV} from. */
  env: Record<string, string | undefined>;
  /** Progress messages; default stderr. */
  log?: (message: string) => void;
}

/**
 * Deletes Framework's cached loader outputs when the loader inputs changed since the last call.
 * Entries whose names start with `_` (the vendored npm cache, Lodestar's stamps) are kept.
 * Returns true when outputs were invalidated.
 */
export function invalidateStaleOutputs(options: FreshnessOptions): boolean {
  const { root, srcDir = "src", env } = options;
  const log = options.log ?? ((m: string) => console.error(m));
  const cache = join(root, srcDir, ".observablehq", "cache");
  const stampPath = join(cache, "_lodestar", "inputs-stamp.txt");
  const fingerprint = inputFingerprint(root, env);
  if (existsSync(stampPath) && readFileSync(stampPath, "utf-8") === fingerprint) return false;
  let removed = 0;
  if (existsSync(cache)) {
    for (const entry of readdirSync(cache)) {
      if (entry.startsWith("_")) continue;
      rmSync(join(cache, entry), { recursive: true, force: true });
      removed++;
    }
  }
  mkdirSync(join(cache, "_lodestar"), { recursive: true });
  writeFileSync(stampPath, fingerprint);
  if (removed > 0) log("loader inputs changed: cleared cached loader outputs");
  return true;
}
