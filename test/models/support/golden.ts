import assert from "node:assert/strict";

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

/**
 * Compares `value` with the golden JSON at `url`. A missing golden is written (outside CI) and
 * the test passes; a mismatch writes `NAME-changed.json` beside it and fails, so an intended
 * change is reviewed with `git diff` after renaming.
 */
export function assertGolden(url: URL, value: unknown): void {
  const text = JSON.stringify(value, null, 2) + "\n";
  let golden: string;
  try {
    golden = Deno.readTextFileSync(url);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound) || Deno.env.get("CI")) throw e;
    Deno.writeTextFileSync(url, text);
    return;
  }
  if (golden !== text) {
    const changed = new URL(url.href.replace(/\.json$/, "-changed.json"));
    Deno.writeTextFileSync(changed, text);
    assert.fail(`${url.pathname} differs; the new output is in ${changed.pathname}`);
  }
}
