/**
 * The two steps of a sign-in, on KV:
 *
 * `requestCode` — for every well-formed address, known or not, it stores one code record
 * `["code", email]` = {kid, HMAC(key, email ‖ flow ‖ code), expiresAt, attempts} (issuing a new
 * code replaces the old one, so one code is live per address) unless a limit holds it back:
 * the 60 s resend cooldown, 5 sends per rolling hour, the backoff after burned codes (2ⁿ⁻¹ min,
 * at most 60), the hard stop at 100 consecutive failures, or the global send budget. Only
 * allowlisted addresses get the email; the caller answers the same either way.
 *
 * `verifyCode` — reads the code record, refuses it when expired (stored time), burned (5
 * attempts) or absent, then *before comparing* adds one to its attempt count and to the address's
 * consecutive-failure count in one atomic operation guarded by the record's versionstamp. Only
 * then does it compare HMACs (constant time). A match deletes the record, resets the failure
 * count and stores a new session, again guarded by the versionstamp, so of any number of
 * concurrent correct submissions exactly one succeeds.
 */
import type { Role } from "../platform/access_policy.ts";
import type { Limits } from "./config.ts";
import { generateCode, isCodeShaped, type RandomWords } from "./code.ts";
import { type KeyRing, sign, verify } from "./keyring.ts";
import { newSession, type SessionRecord, storeSession } from "./sessions.ts";

/** A stored code: only its HMAC. */
export interface CodeRecord {
  kid: string;
  tag: Uint8Array;
  expiresAt: number;
  attempts: number;
}

/** Per-address sending state. */
export interface AccountRecord {
  /** Times of codes sent in the last hour. */
  sends: number[];
  /** Codes burned (5 wrong tries) since the last success. */
  burned: number;
  backoffUntil: number;
}

const EMPTY_ACCOUNT: AccountRecord = { sends: [], burned: 0, backoffUntil: 0 };
const HOUR = 3_600_000;

/** What `requestCode` did; the HTTP answer is the same for every outcome. */
export type RequestOutcome =
  | { issued: true; code: string; known: boolean }
  | { issued: false; reason: "cooldown" | "hourly-cap" | "backoff" | "disabled" | "budget" };

function codeData(email: string, flow: string, code: string): string {
  return `${email}\u0000${flow}\u0000${code}`;
}

/** Issues a code for `email` bound to login flow `flow`, unless a limit holds it back. */
export async function requestCode(
  kv: Deno.Kv,
  ring: KeyRing,
  limits: Limits,
  input: { email: string; flow: string; known: boolean; now: number; random?: RandomWords },
): Promise<RequestOutcome> {
  const { email, flow, now } = input;
  const window = Math.floor(now / HOUR);
  for (let tries = 0; tries < 50; tries++) {
    const [account, fail, budget] = await kv.getMany<[AccountRecord, Deno.KvU64, Deno.KvU64]>([
      ["acct", email],
      ["fail", email],
      ["budget", window],
    ]);
    const acct = account.value ?? EMPTY_ACCOUNT;
    const sends = acct.sends.filter((t) => now - t < HOUR);
    if ((fail.value?.value ?? 0n) >= BigInt(limits.hardStopFailures)) {
      return { issued: false, reason: "disabled" };
    }
    if (now < acct.backoffUntil) return { issued: false, reason: "backoff" };
    const last = sends.at(-1);
    if (last !== undefined && now - last < limits.resendCooldownMs) {
      return { issued: false, reason: "cooldown" };
    }
    if (sends.length >= limits.sendsPerHour) return { issued: false, reason: "hourly-cap" };
    if ((budget.value?.value ?? 0n) >= BigInt(limits.globalSendsPerHour)) {
      return { issued: false, reason: "budget" };
    }
    const code = generateCode(input.random);
    const { kid, tag } = await sign(ring, codeData(email, flow, code));
    const record: CodeRecord = { kid, tag, expiresAt: now + limits.codeTtlMs, attempts: 0 };
    const op = kv.atomic().check(account)
      .set(["acct", email], { ...acct, sends: [...sends, now] }, { expireIn: 2 * HOUR + limits.maxBackoffMs })
      .set(["code", email], record, { expireIn: limits.codeTtlMs + 5 * 60_000 });
    if (input.known) op.sum(["budget", window], 1n);
    if ((await op.commit()).ok) return { issued: true, code, known: input.known };
  }
  throw new Error(`requestCode: too much contention on the record of ${email}`);
}

/** What `verifyCode` decided. */
export type VerifyOutcome =
  | { ok: true; session: { id: string; key: Deno.KvKey; record: SessionRecord } }
  | { ok: false; reason: "wrong" | "expired" | "burned" | "none" | "disabled" | "raced" | "not-allowed" };

/** Checks `code` for `email` in flow `flow`; on success stores and returns a new session. */
export async function verifyCode(
  kv: Deno.Kv,
  rings: { otp: KeyRing; session: KeyRing },
  limits: Limits,
  input: {
    email: string;
    flow: string | undefined;
    code: unknown;
    now: number;
    role: () => Promise<Role | undefined>;
  },
): Promise<VerifyOutcome> {
  const { email, now } = input;
  const fail = await kv.get<Deno.KvU64>(["fail", email]);
  if ((fail.value?.value ?? 0n) >= BigInt(limits.hardStopFailures)) return { ok: false, reason: "disabled" };
  let counted: { versionstamp: string; record: CodeRecord } | undefined;
  for (let tries = 0; tries < 200 && !counted; tries++) {
    const entry = await kv.get<CodeRecord>(["code", email]);
    const record = entry.value;
    if (record === null) return { ok: false, reason: "none" };
    if (now >= record.expiresAt) return { ok: false, reason: "expired" };
    if (record.attempts >= limits.attemptsPerCode) return { ok: false, reason: "burned" };
    const next = { ...record, attempts: record.attempts + 1 };
    const result = await kv.atomic().check(entry)
      .set(["code", email], next, { expireIn: limits.codeTtlMs + 5 * 60_000 })
      .sum(["fail", email], 1n)
      .commit();
    if (result.ok) counted = { versionstamp: result.versionstamp, record: next };
  }
  if (!counted) return { ok: false, reason: "raced" };
  const { record, versionstamp } = counted;
  const match = isCodeShaped(input.code) && input.flow !== undefined &&
    await verify(rings.otp, record.kid, record.tag, codeData(email, input.flow, input.code));
  if (!match) {
    if (record.attempts >= limits.attemptsPerCode) await burn(kv, email, now, limits);
    return { ok: false, reason: "wrong" };
  }
  const role = await input.role();
  if (role === undefined) return { ok: false, reason: "not-allowed" };
  const session = await newSession(rings.session, email, role, now);
  const op = kv.atomic().check({ key: ["code", email], versionstamp })
    .delete(["code", email])
    .set(["fail", email], new Deno.KvU64(0n))
    .delete(["acct", email]);
  storeSession(op, session.key, session.record, limits.absoluteMs);
  const committed = await op.commit();
  return committed.ok ? { ok: true, session } : { ok: false, reason: "raced" };
}

/** Records a burned code: the next code waits 2ⁿ⁻¹ minutes (n burned so far), at most the cap. */
async function burn(kv: Deno.Kv, email: string, now: number, limits: Limits): Promise<void> {
  for (let tries = 0; tries < 50; tries++) {
    const entry = await kv.get<AccountRecord>(["acct", email]);
    const acct = entry.value ?? EMPTY_ACCOUNT;
    const burned = acct.burned + 1;
    const wait = Math.min(limits.maxBackoffMs, 60_000 * 2 ** (burned - 1));
    const result = await kv.atomic().check(entry)
      .set(["acct", email], { ...acct, burned, backoffUntil: now + wait }, {
        expireIn: 2 * HOUR + limits.maxBackoffMs,
      })
      .commit();
    if (result.ok) return;
  }
}

/** The consecutive-failure count of `email`. */
export async function failuresOf(kv: Deno.Kv, email: string): Promise<number> {
  return Number((await kv.get<Deno.KvU64>(["fail", email])).value?.value ?? 0n);
}
