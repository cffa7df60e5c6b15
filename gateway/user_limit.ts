/**
 * Per-user limits for calls that cost money or compute (the assistant): a fixed one-hour window
 * counted in KV with `sum`, key `["user_limit", kind, email, hour]`.
 */

const HOUR = 3_600_000;

/** Counts one call of `kind` by `email`; returns whether it is within `limit`, and when to retry. */
export async function hitUserLimit(
  kv: Deno.Kv,
  kind: string,
  email: string,
  limit: number,
  now: number,
): Promise<{ ok: boolean; retryAfterS: number }> {
  const window = Math.floor(now / HOUR);
  const key = ["user_limit", kind, email, window];
  const retryAfterS = Math.max(1, Math.ceil(((window + 1) * HOUR - now) / 1000));
  const current = await kv.get<Deno.KvU64>(key);
  if ((current.value?.value ?? 0n) >= BigInt(limit)) return { ok: false, retryAfterS };
  await kv.atomic().sum(key, 1n).commit();
  return { ok: true, retryAfterS };
}
