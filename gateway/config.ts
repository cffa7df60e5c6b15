/**
 * Gateway settings: the site origin (for CSRF checks and email text, never the Host header), the
 * key rings, and the numeric limits. Secrets come only from the environment; the gateway refuses
 * to start when one is missing or shorter than 32 bytes.
 */
import { type KeyRing, parseKeyRing } from "./keyring.ts";

/** Numeric limits (see docs/deploy.md for their sources). */
export interface Limits {
  /** Code lifetime, ms (10 min). */
  codeTtlMs: number;
  /** Wrong submissions allowed per code (5). */
  attemptsPerCode: number;
  /** Minimum time between two codes sent to one address, ms (60 s). */
  resendCooldownMs: number;
  /** Codes sent per address per rolling hour (5). */
  sendsPerHour: number;
  /** Consecutive failures after which sign-in is disabled until an admin re-enables it (100). */
  hardStopFailures: number;
  /** Longest backoff after burned codes, ms (60 min); the n-th burned code waits 2ⁿ⁻¹ min. */
  maxBackoffMs: number;
  /** Code requests per client IP per hour (20). */
  requestsPerIpHour: number;
  /** Code submissions per client IP per hour (60). */
  verifiesPerIpHour: number;
  /** Emails the gateway sends per hour across all addresses. */
  globalSendsPerHour: number;
  /** Session idle timeout, ms (30 min). */
  idleMs: number;
  /** Session absolute timeout, ms (12 h). */
  absoluteMs: number;
}

/** The limits of docs/deploy.md. */
export const DEFAULT_LIMITS: Readonly<Limits> = {
  codeTtlMs: 10 * 60_000,
  attemptsPerCode: 5,
  resendCooldownMs: 60_000,
  sendsPerHour: 5,
  hardStopFailures: 100,
  maxBackoffMs: 60 * 60_000,
  requestsPerIpHour: 20,
  verifiesPerIpHour: 60,
  globalSendsPerHour: 1000,
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
};

/** Environment variables holding the key rings. */
export const OTP_KEYS_ENV = "LODESTAR_OTP_KEYS";
export const SESSION_KEYS_ENV = "LODESTAR_SESSION_KEYS";
export const BASE_URL_ENV = "LODESTAR_BASE_URL";

/** Secrets and origin read from the environment. */
export interface Secrets {
  origin: string;
  otpKeys: KeyRing;
  sessionKeys: KeyRing;
}

/** The origin (`scheme://host[:port]`) of a configured base URL; throws on anything else. */
export function parseOrigin(value: string | undefined): string {
  if (!value) {
    throw new Error(
      `${BASE_URL_ENV} is not set: expected the site's public URL, e.g. https://reports.example`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${BASE_URL_ENV} is not a URL ("${value}")`);
  }
  if (url.protocol !== "https:" && url.hostname !== "127.0.0.1" && url.hostname !== "localhost") {
    throw new Error(`${BASE_URL_ENV} must be https:// outside loopback ("${value}")`);
  }
  return url.origin;
}

/** Reads secrets from `env`; throws (naming the variable, never a value) when one is unusable. */
export async function readSecrets(env: (name: string) => string | undefined): Promise<Secrets> {
  return {
    origin: parseOrigin(env(BASE_URL_ENV)),
    otpKeys: await parseKeyRing(OTP_KEYS_ENV, env(OTP_KEYS_ENV)),
    sessionKeys: await parseKeyRing(SESSION_KEYS_ENV, env(SESSION_KEYS_ENV)),
  };
}
