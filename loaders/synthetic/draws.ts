/**
 * The generator's random draws (`random.sql`, `poisson.ts`) computed in TypeScript, bit for bit
 * as DuckDB computes them, so that generation steps can move out of SQL without changing a value.
 *
 * Every draw hashes the seed, a purpose tag and up to three row keys with DuckDB's `hash()`:
 *   hash(x₁, …, xₙ) = C(…C(C(H(x₁), H(x₂)), H(x₃))…, H(xₙ)),   C(a, b) = ((a ⊕ a≫32)·K) ⊕ b
 *   H(integer v) = M(v as an unsigned 64-bit word; an INTEGER is first taken modulo 2³²)
 *   H(text s)    = M(h), h = (0xe17a1465 ⊕ len·0xc6a4a7935bd1e995), then for each 8-byte
 *                  little-endian block w of the UTF-8 bytes (the last one zero-padded): h = (h ⊕ w)·K
 *   M(x)         = x ⊕= x≫32; x ·= K; x ⊕= x≫32; x ·= K; x ⊕= x≫32
 * with K = 0xd6e8feb86659fd93 and all arithmetic modulo 2⁶⁴. Then
 *   runif = (⌊hash / 2¹¹⌋ + 0.5) / 2⁵³                           uniform in (0, 1)
 *   rnorm = √(−2·ln runif(tag)) · cos(2π · runif(tag ‖ '~'))       Box–Muller
 *
 * A 64-bit word is kept as two unsigned 32-bit halves (`hi`, `lo`): JavaScript numbers hold 53
 * bits, and BigInt arithmetic is an order of magnitude slower.
 */

/** A 64-bit hash as two unsigned 32-bit halves. */
export interface Hash64 {
  hi: number;
  lo: number;
}

/** A draw key: an INTEGER (or BIGINT) or a text value, as DuckDB hashes it. */
export type DrawKey = number | string;

const K_HI = 0xd6e8feb8;
const K_LO = 0x6659fd93;
const encoder = new TextEncoder();

/** High 32 bits of the 64-bit product of two unsigned 32-bit integers. */
function mulHigh(a: number, b: number): number {
  const a1 = a >>> 16, a0 = a & 0xffff, b1 = b >>> 16, b0 = b & 0xffff;
  // each partial sum stays below 2³², so the shifts are exact
  const mid1 = a1 * b0 + ((a0 * b0) >>> 16);
  const mid2 = a0 * b1 + (mid1 & 0xffff);
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16)) >>> 0;
}

/** (hi, lo) · K modulo 2⁶⁴. */
function timesK(hi: number, lo: number): Hash64 {
  return {
    hi: (mulHigh(lo, K_LO) + Math.imul(hi, K_LO) + Math.imul(lo, K_HI)) >>> 0,
    lo: Math.imul(lo, K_LO) >>> 0,
  };
}

/** x ⊕ (x ≫ 32) for x = (hi, lo): the high half moves into the low half. */
function foldHigh(h: Hash64): Hash64 {
  return { hi: h.hi, lo: (h.lo ^ h.hi) >>> 0 };
}

/** DuckDB's 64-bit finaliser M(x). */
function murmur64(hi: number, lo: number): Hash64 {
  let h = timesK(hi, (lo ^ hi) >>> 0);
  h = timesK(h.hi, (h.lo ^ h.hi) >>> 0);
  return foldHigh(h);
}

/**
 * H(v) of an INTEGER or BIGINT value `v` (a safe integer). An INTEGER is hashed as its unsigned
 * 32-bit pattern, a BIGINT as its unsigned 64-bit one: the two agree for v ≥ 0, which is every
 * key the generator hashes; `bigint: true` picks the BIGINT reading for negative values.
 */
export function hashInteger(v: number, bigint = false): Hash64 {
  if (!Number.isSafeInteger(v)) throw new RangeError(`hashInteger: ${v} is not a safe integer`);
  if (v < 0 && !bigint) return murmur64(0, v >>> 0);
  // the 64-bit two's complement: hi = ⌊v / 2³²⌋ mod 2³², lo = v mod 2³²
  return murmur64(Math.floor(v / 4294967296) >>> 0, v >>> 0);
}

/** H(s) of UTF-8 bytes: `length` bytes from `start`. */
export function hashBytes(bytes: Uint8Array, length = bytes.length, start = 0): Hash64 {
  // h = 0xe17a1465 ⊕ (len · 0xc6a4a7935bd1e995 mod 2⁶⁴)
  const lenHi = (mulHigh(length, 0x5bd1e995) + Math.imul(length, 0xc6a4a793)) >>> 0;
  const lenLo = Math.imul(length, 0x5bd1e995) >>> 0;
  let hi = lenHi, lo = (lenLo ^ 0xe17a1465) >>> 0;
  for (let i = 0; i < length; i += 8) {
    let wLo = 0, wHi = 0;
    for (let j = 0; j < 4 && i + j < length; j++) wLo |= bytes[start + i + j]! << (8 * j);
    for (let j = 4; j < 8 && i + j < length; j++) wHi |= bytes[start + i + j]! << (8 * (j - 4));
    // (h ⊕ w) · K, written out (no intermediate object)
    const xHi = (hi ^ wHi) >>> 0, xLo = (lo ^ wLo) >>> 0;
    hi = (mulHigh(xLo, K_LO) + Math.imul(xHi, K_LO) + Math.imul(xLo, K_HI)) >>> 0;
    lo = Math.imul(xLo, K_LO) >>> 0;
  }
  return murmur64(hi, lo);
}

const scratch = new Uint8Array(256);

/** H(s) of a text value (its UTF-8 bytes; ASCII is copied without an encoder). */
export function hashText(s: string): Hash64 {
  const n = s.length;
  if (n > scratch.length) return hashBytes(encoder.encode(s));
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    if (code > 0x7f) return hashBytes(encoder.encode(s));
    scratch[i] = code;
  }
  return hashBytes(scratch, n);
}

/** H(key): text or integer. */
export function hashKey(key: DrawKey): Hash64 {
  return typeof key === "string" ? hashText(key) : hashInteger(key);
}

/** C(a, b) = ((a ⊕ a≫32) · K) ⊕ b: how DuckDB's `hash(x, y, …)` folds in each further value. */
export function combineHash(a: Hash64, b: Hash64): Hash64 {
  const h = timesK(a.hi, (a.lo ^ a.hi) >>> 0);
  return { hi: (h.hi ^ b.hi) >>> 0, lo: (h.lo ^ b.lo) >>> 0 };
}

/** DuckDB's `hash(k₁, k₂, …)`. */
export function hashOf(...keys: DrawKey[]): Hash64 {
  if (keys.length === 0) throw new RangeError("hashOf: at least one key");
  let h = hashKey(keys[0]!);
  for (let i = 1; i < keys.length; i++) h = combineHash(h, hashKey(keys[i]!));
  return h;
}

/** The hash as an unsigned decimal string, as DuckDB prints `hash(…)::varchar`. */
export function hashToString(h: Hash64): string {
  return ((BigInt(h.hi) << 32n) | BigInt(h.lo)).toString();
}

/** (⌊h / 2¹¹⌋ + 0.5) / 2⁵³ for h = (hi, lo): the top 53 bits of the hash as a uniform in (0, 1). */
function unit(hi: number, lo: number): number {
  return ((hi * 2097152 + (lo >>> 11)) + 0.5) / 9007199254740992;
}

/**
 * ⌊C(C(C(p, a), b), c) / 2¹¹⌋ as a uniform, written out without intermediate objects: the draws'
 * hot path (a few hundred million calls at a million members).
 */
function unitOfCombined(p: Hash64, a: Hash64, b: Hash64, c: Hash64): number {
  let l = (p.lo ^ p.hi) >>> 0;
  let hi = ((mulHigh(l, K_LO) + Math.imul(p.hi, K_LO) + Math.imul(l, K_HI)) ^ a.hi) >>> 0;
  let lo = (Math.imul(l, K_LO) ^ a.lo) >>> 0;
  l = (lo ^ hi) >>> 0;
  hi = ((mulHigh(l, K_LO) + Math.imul(hi, K_LO) + Math.imul(l, K_HI)) ^ b.hi) >>> 0;
  lo = (Math.imul(l, K_LO) ^ b.lo) >>> 0;
  l = (lo ^ hi) >>> 0;
  hi = ((mulHigh(l, K_LO) + Math.imul(hi, K_LO) + Math.imul(l, K_HI)) ^ c.hi) >>> 0;
  lo = (Math.imul(l, K_LO) ^ c.lo) >>> 0;
  return unit(hi, lo);
}

/** H(0) … H(SMALL − 1), the integer keys most draws use (month numbers, counters, years). */
const SMALL = 4096;
const smallHashes: Hash64[] = Array.from({ length: SMALL }, (_, v) => murmur64(0, v));

/** H(v) of a non-negative INTEGER key, from a table for small keys. */
export function hashIndex(v: number): Hash64 {
  return v >= 0 && v < SMALL && Number.isInteger(v) ? smallHashes[v]! : hashInteger(v);
}

/**
 * The draws of one seed, as the SQL macros of `random.sql` compute them:
 * `runif(tag, a, b, c)` and `rnorm(tag, a, b, c)`. A draw's tag is taken once as a {@linkcode Tag}
 * (the hash of seed and tag) and its keys as hashes, so a key hashed once serves many draws.
 */
export class Draws {
  readonly #seed: Hash64;

  constructor(readonly seed: number) {
    this.#seed = hashInteger(seed);
  }

  /** A purpose tag: C(H(seed), H(tag)), and for rnorm the same of tag ‖ '~'. */
  tag(name: string): Tag {
    return {
      name,
      prefix: combineHash(this.#seed, hashText(name)),
      second: combineHash(this.#seed, hashText(`${name}~`)),
    };
  }

  /** runif(tag, a, b, c) = (⌊hash(seed, tag, a, b, c) / 2¹¹⌋ + 0.5) / 2⁵³. */
  runif(tag: Tag, a: Hash64, b: Hash64, c: Hash64): number {
    return unitOfCombined(tag.prefix, a, b, c);
  }

  /** rnorm(tag, a, b, c) = √(−2·ln runif(tag, a, b, c)) · cos(2π · runif(tag ‖ '~', a, b, c)). */
  rnorm(tag: Tag, a: Hash64, b: Hash64, c: Hash64): number {
    return Math.sqrt(-2 * Math.log(unitOfCombined(tag.prefix, a, b, c))) *
      Math.cos(2 * Math.PI * unitOfCombined(tag.second, a, b, c));
  }
}

/** A draw's purpose tag, hashed with the seed ({@linkcode Draws.tag}). */
export interface Tag {
  readonly name: string;
  readonly prefix: Hash64;
  readonly second: Hash64;
}

/** DuckDB's `round(x, 2)` of a double: half away from zero, x·100 rounded, then ÷ 100. */
export function roundCents(x: number): number {
  return roundHalfAway(x * 100) / 100;
}

/** DuckDB's `round(x)` of a double: to the nearest integer, halves away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/**
 * `rpois(lam, u)` as `poissonMacroSql(terms)` computes it: the first k with
 * u < e^{−λ} Σ_{i≤k} λ^i / i!, where the SQL writes the k-th term as pow(λ, k) / k!; `terms` if none.
 */
export function rpois(lam: number, u: number, terms = 16): number {
  const e = Math.exp(-lam);
  let sum = 0;
  let factorial = 1;
  for (let k = 0; k < terms; k++) {
    if (k > 1) factorial *= k;
    sum += k === 0 ? 1 : k === 1 ? lam : Math.pow(lam, k) / factorial;
    if (u < e * sum) return k;
  }
  return terms;
}
