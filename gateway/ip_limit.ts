/**
 * Per-client-IP limits, the second line behind the per-address limits: a fixed one-hour window
 * counted in KV with `sum` (no read-modify-write contention), key `["ip", kind, ip, hour]`.
 */

const HOUR = 3_600_000;

/** Counts one request of `kind` from `ip`; returns whether it is within `limit`, and when to retry. */
export async function hitIpLimit(
  kv: Deno.Kv,
  kind: "request" | "verify",
  ip: string,
  limit: number,
  now: number,
): Promise<{ ok: boolean; retryAfterS: number }> {
  const window = Math.floor(now / HOUR);
  const key = ["ip", kind, ip, window];
  const retryAfterS = Math.max(1, Math.ceil(((window + 1) * HOUR - now) / 1000));
  const current = await kv.get<Deno.KvU64>(key);
  if ((current.value?.value ?? 0n) >= BigInt(limit)) return { ok: false, retryAfterS };
  await kv.atomic().sum(key, 1n).commit();
  return { ok: true, retryAfterS };
}
