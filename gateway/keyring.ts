/**
 * HMAC-SHA-256 key rings with key ids, for rotation with overlap: the first key signs, every key
 * in the ring verifies. Keys come from the environment as `kid:base64url,kid:base64url` (newest
 * first) and must be at least 32 bytes each. Verification uses `crypto.subtle.verify`, which
 * compares tags in constant time.
 */

/** One HMAC key and its id. */
export interface RingKey {
  kid: string;
  key: CryptoKey;
}

/** A key ring: `keys[0]` signs, all verify. */
export interface KeyRing {
  name: string;
  keys: readonly RingKey[];
}

/** Shortest key accepted, in bytes. */
export const MIN_KEY_BYTES = 32;

const encoder = new TextEncoder();

/** Decodes base64 or base64url (padding optional), or returns undefined when it is neither. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const standard = text.replaceAll("-", "+").replaceAll("_", "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return undefined;
  try {
    const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "="));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Encodes bytes as unpadded base64url. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Parses a key ring from its environment value. Throws, naming the variable but never a key,
 * when it is missing, malformed, has a repeated id or a key shorter than 32 bytes.
 */
export async function parseKeyRing(name: string, value: string | undefined): Promise<KeyRing> {
  if (value === undefined || value.trim() === "") {
    throw new Error(
      `${name} is not set: expected "kid:base64url-key[,kid:key…]" with keys of at least 32 bytes`,
    );
  }
  const keys: RingKey[] = [];
  for (const [i, part] of value.split(",").entries()) {
    const match = /^\s*([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/_=-]+)\s*$/.exec(part);
    if (!match) throw new Error(`${name} entry ${i + 1} is not "kid:base64url-key"`);
    const [, kid, encoded] = match as unknown as [string, string, string];
    const raw = decodeBase64(encoded);
    if (!raw) throw new Error(`${name} entry ${i + 1} (kid "${kid}") is not base64`);
    if (raw.length < MIN_KEY_BYTES) {
      throw new Error(`${name} key "${kid}" is ${raw.length} bytes; expected at least ${MIN_KEY_BYTES}`);
    }
    if (keys.some((k) => k.kid === kid)) throw new Error(`${name} repeats key id "${kid}"`);
    const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keys.push({ kid, key });
  }
  return { name, keys };
}

/** Signs `data` with the ring's first key. */
export async function sign(ring: KeyRing, data: string): Promise<{ kid: string; tag: Uint8Array }> {
  const first = ring.keys[0];
  if (!first) throw new Error(`${ring.name} has no key`);
  const tag = new Uint8Array(await crypto.subtle.sign("HMAC", first.key, encoder.encode(data)));
  return { kid: first.kid, tag };
}

/** Signs `data` with every key of the ring (newest first), for lookups by a keyed hash. */
export async function signAll(ring: KeyRing, data: string): Promise<{ kid: string; tag: Uint8Array }[]> {
  const bytes = encoder.encode(data);
  return await Promise.all(
    ring.keys.map(async ({ kid, key }) => ({
      kid,
      tag: new Uint8Array(await crypto.subtle.sign("HMAC", key, bytes)),
    })),
  );
}

/** Whether `tag` is the HMAC of `data` under key `kid`; false when the ring no longer holds `kid`. */
export async function verify(ring: KeyRing, kid: string, tag: Uint8Array, data: string): Promise<boolean> {
  const entry = ring.keys.find((k) => k.kid === kid);
  if (!entry) return false;
  return await crypto.subtle.verify("HMAC", entry.key, tag as Uint8Array<ArrayBuffer>, encoder.encode(data));
}
