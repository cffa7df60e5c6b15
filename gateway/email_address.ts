/**
 * Email addresses as identities: trimmed, Unicode NFC, lower-cased, so `Alice@Example.com ` and
 * `alice@example.com` share one allowlist entry, one code and one set of counters.
 */

/** Longest address accepted (RFC 5321 path limit). */
export const MAX_EMAIL_LENGTH = 254;

/** The normalised address, or undefined when `text` is not a plausible single address. */
export function normaliseEmail(text: unknown): string | undefined {
  if (typeof text !== "string" || text.length > MAX_EMAIL_LENGTH + 64) return undefined;
  const email = text.trim().normalize("NFC").toLowerCase();
  if (email.length === 0 || email.length > MAX_EMAIL_LENGTH) return undefined;
  if (!/^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/.test(email)) return undefined;
  return email;
}
