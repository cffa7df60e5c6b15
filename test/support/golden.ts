/**
 * Golden-file protocol: a missing golden is written (outside CI) and the test passes; a mismatch writes
 * `NAME-changed.EXT` beside the golden and fails, so an intentional change is reviewed with `git diff`.
 */
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "./project.ts";

/**
 * Compares `actual` with a golden file: `test/output/NAME` when given a name, or the file at a URL
 * (e.g. `new URL("../../golden/x.json", import.meta.url)`).
 */
export async function assertGolden(golden: string | URL, actual: string): Promise<void> {
  const path = typeof golden === "string" ? join(ROOT, "test", "output", golden) : fileURLToPath(golden);
  const shown = relative(ROOT, path);
  const changed = path.replace(/(\.[^./]+)$/, "-changed$1");
  let expected: string | undefined;
  try {
    expected = await Deno.readTextFile(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (expected === undefined) {
    if (Deno.env.get("CI")) assert.fail(`golden ${shown} is missing (CI does not write it)`);
    await Deno.writeTextFile(path, actual);
    return;
  }
  if (expected === actual) {
    await Deno.remove(changed).catch(() => {});
    return;
  }
  await Deno.writeTextFile(changed, actual);
  assert.fail(`${shown} differs; see ${relative(ROOT, changed)} (git diff --no-index)`);
}

/** A JSON-like value as golden text: two-space indented, with a final newline. */
export function goldenJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** Rounds every number in a JSON-like value to `digits` significant digits, so goldens ignore the last bits. */
export function roundDeep(value: unknown, digits = 10): unknown {
  if (typeof value === "number") {
    return Number.isFinite(value) ? Number(value.toPrecision(digits)) : String(value);
  }
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map((v) => roundDeep(v, digits));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v, digits)]));
  }
  return value;
}
