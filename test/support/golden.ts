/**
 * Golden-file protocol: a missing golden is written (outside CI) and the test passes; a mismatch writes
 * `NAME-changed.EXT` beside the golden and fails, so an intentional change is reviewed with `git diff`.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT } from "./project.ts";

/** Compares `actual` with `test/output/NAME`. */
export async function assertGolden(name: string, actual: string): Promise<void> {
  const path = join(ROOT, "test", "output", name);
  const changed = path.replace(/(\.[^./]+)$/, "-changed$1");
  let expected: string | undefined;
  try {
    expected = await Deno.readTextFile(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (expected === undefined) {
    if (Deno.env.get("CI")) assert.fail(`golden test/output/${name} is missing (CI does not write it)`);
    await Deno.writeTextFile(path, actual);
    return;
  }
  if (expected === actual) {
    await Deno.remove(changed).catch(() => {});
    return;
  }
  await Deno.writeTextFile(changed, actual);
  assert.fail(`test/output/${name} differs; see ${changed.slice(ROOT.length + 1)} (git diff --no-index)`);
}
