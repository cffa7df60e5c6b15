/**
 * Sessions: a random 256-bit id in a `__Host-` cookie; KV holds the session under a keyed hash of
 * the id (`["session", HMAC(sessionKey, id)]`), so a copy of the database holds no usable id and
 * removing a key from the ring ends the sessions it made. Each login makes a new id. A session
 * lapses after 30 minutes idle or 12 hours in all, checked against stored times.
 */
import type { Role } from "../platform/access_policy.ts";
import { isTokenShaped, randomToken } from "./code.ts";
import { encodeBase64Url, type KeyRing, sign, signAll } from "./keyring.ts";

/** What KV keeps for a session. */
export interface SessionRecord {
  email: string;
  role: Role;
  createdAt: number;
  lastSeenAt: number;
}

/** A live session as the handler sees it. */
export interface Session extends SessionRecord {
  key: Deno.KvKey;
}

/** Cookie names. */
export const SESSION_COOKIE = "__Host-sid";
export const FLOW_COOKIE = "__Host-flow";

/** Refresh `lastSeenAt` at most this often (fewer KV writes under load). */
export const TOUCH_EVERY_MS = 60_000;

/** A cookie header value for `name`, with the attributes of L13 (no Domain, no Max-Age). */
export function cookie(name: string, value: string): string {
  return `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax`;
}

/** A header value deleting cookie `name`. */
export function clearCookie(name: string): string {
  return `${name}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/** The single value of cookie `name`, or undefined when absent, repeated or oversized. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  const values = header.split(";").map((p) => p.trim()).filter((p) => p.startsWith(`${name}=`));
  if (values.length !== 1) return undefined;
  return values[0]!.slice(name.length + 1);
}

async function keysFor(ring: KeyRing, id: string): Promise<Deno.KvKey[]> {
  return (await signAll(ring, id)).map(({ tag }) => ["session", encodeBase64Url(tag)]);
}

/** Creates a session for `email` with `role` in an atomic operation; returns the id and key. */
export async function newSession(
  ring: KeyRing,
  email: string,
  role: Role,
  now: number,
): Promise<{ id: string; key: Deno.KvKey; record: SessionRecord }> {
  const id = randomToken(32);
  const key: Deno.KvKey = ["session", encodeBase64Url((await sign(ring, id)).tag)];
  return { id, key, record: { email, role, createdAt: now, lastSeenAt: now } };
}

/** Adds the writes that store a session (and its per-user index entry) to `op`. */
export function storeSession(
  op: Deno.AtomicOperation,
  key: Deno.KvKey,
  record: SessionRecord,
  absoluteMs: number,
): Deno.AtomicOperation {
  const hash = key[1] as string;
  return op.set(key, record, { expireIn: absoluteMs + 60_000 })
    .set(["user_session", record.email, hash], true, { expireIn: absoluteMs + 60_000 });
}

/**
 * The live session for cookie value `id`, or undefined. Lapsed sessions, and sessions whose
 * address left the allowlist or changed role, are deleted on the way.
 */
export async function findSession(
  kv: Deno.Kv,
  ring: KeyRing,
  id: string | undefined,
  now: number,
  limits: { idleMs: number; absoluteMs: number },
): Promise<Session | undefined> {
  if (!isTokenShaped(id)) return undefined;
  const keys = await keysFor(ring, id);
  const entries = await kv.getMany<SessionRecord[]>(keys);
  const entry = entries.find((e) => e.value !== null);
  if (!entry || entry.value === null) return undefined;
  const record = entry.value;
  const user = await kv.get<{ role: string }>(["user", record.email]);
  const lapsed = now - record.lastSeenAt >= limits.idleMs || now - record.createdAt >= limits.absoluteMs;
  if (lapsed || user.value?.role !== record.role) {
    await deleteSession(kv, entry.key, record.email);
    return undefined;
  }
  if (now - record.lastSeenAt >= TOUCH_EVERY_MS) {
    await kv.atomic().check(entry).set(entry.key, { ...record, lastSeenAt: now }, {
      expireIn: limits.absoluteMs + 60_000,
    }).commit();
  }
  return { ...record, key: entry.key };
}

/** Deletes one session and its index entry. */
export async function deleteSession(kv: Deno.Kv, key: Deno.KvKey, email: string): Promise<void> {
  await kv.atomic().delete(key).delete(["user_session", email, key[1] as string]).commit();
}

/** Ends every session of `email`; returns how many were ended. */
export async function endSessionsOf(kv: Deno.Kv, email: string): Promise<number> {
  let n = 0;
  for await (const entry of kv.list({ prefix: ["user_session", email] })) {
    const hash = entry.key[2] as string;
    await deleteSession(kv, ["session", hash], email);
    n++;
  }
  return n;
}
