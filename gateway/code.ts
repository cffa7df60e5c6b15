/**
 * One-time codes: six decimal digits drawn uniformly from a CSPRNG.
 *
 * Rejection sampling: draw a 32-bit `x`; accept it only when `x < ⌊2³² / 10⁶⌋ · 10⁶`
 * (= 4,294,000,000), then the code is `x mod 10⁶`. Every code then has probability exactly
 * 4,294 / 4,294,000,000 per accepted draw, with no bias toward low codes.
 */

/** Number of digits in a code. */
export const CODE_DIGITS = 6;
const SPACE = 10 ** CODE_DIGITS;
/** Largest multiple of 10⁶ not above 2³²: draws at or above it are rejected. */
export const ACCEPT_BELOW = Math.floor(2 ** 32 / SPACE) * SPACE;

/** A source of random 32-bit words (defaults to the platform CSPRNG). */
export type RandomWords = (out: Uint32Array) => Uint32Array;

const cryptoWords: RandomWords = (out) => crypto.getRandomValues(out);

/** A uniformly random six-digit code, zero-padded. */
export function generateCode(random: RandomWords = cryptoWords): string {
  const word = new Uint32Array(1);
  for (;;) {
    const x = random(word)[0] ?? ACCEPT_BELOW;
    if (x < ACCEPT_BELOW) return String(x % SPACE).padStart(CODE_DIGITS, "0");
  }
}

/** Whether `text` has the shape of a code (exactly six ASCII digits). */
export function isCodeShaped(text: unknown): text is string {
  return typeof text === "string" && /^[0-9]{6}$/.test(text);
}

/** `bytes` random bytes from the CSPRNG, as unpadded base64url. */
export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = "";
  for (const b of raw) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Whether `text` has the shape of a 32-byte base64url token. */
export function isTokenShaped(text: unknown): text is string {
  return typeof text === "string" && /^[A-Za-z0-9_-]{43}$/.test(text);
}
