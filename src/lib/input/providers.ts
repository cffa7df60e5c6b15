/**
 * Provider registry preparation. Registries are the messiest input: labels are often blank and
 * codes repeat. The contract says a missing label is "Unknown"; a row without a code cannot be
 * joined to a claim and is rejected (provider_id is required); a repeated code keeps its first
 * row, and each later one is rejected as "duplicate provider_id" (the contract's key check).
 */
import { NETWORK_TIERS, PROVIDERS } from "./schema.js";
import type { Value } from "./parse_values.js";

/** The label written for a missing provider label. */
export const UNKNOWN = "Unknown";

/** Provider columns that are labels: filled with {@linkcode UNKNOWN} when missing. */
export const PROVIDER_LABELS: ReadonlySet<string> = new Set([
  "provider_name",
  "network_tier",
  "practice_type",
  "region",
  "town",
]);

/**
 * The value a missing cell takes in a table: "Unknown" for provider labels, null otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(missingValue("providers", "town"), "Unknown");
 * assert.equal(missingValue("providers", "provider_id"), null);
 * ```
 */
export function missingValue(table: string, column: string): Value {
  return table === PROVIDERS.name && PROVIDER_LABELS.has(column) ? UNKNOWN : null;
}

/**
 * Provider network labels kept as written because they are not a contract tier: the
 * contract's `providers.network_tier` is free text, so an unrecognised network name (a
 * product or network brand) is kept rather than lost, and the notes list it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(isNetworkTier("standard"), true);
 * assert.equal(isNetworkTier("Gold"), false);
 * ```
 */
export function isNetworkTier(label: string): boolean {
  return label === UNKNOWN || (NETWORK_TIERS as readonly string[]).includes(label);
}
