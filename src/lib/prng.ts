/**
 * The one seeded generator: the synthetic payer's entity tables (companies, contracts, providers,
 * latent effects; member- and claim-level rows are generated in SQL from hashes, see
 * loaders/synthetic/random.sql), the Stars measure scenarios and forecasts, the seeded group split
 * and the seeded models all draw from it, so the same seed gives the same bytes.
 */

/** sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

/** A standard normal draw (Box–Muller): z = √(−2 ln u₁) · cos(2π u₂). */
export function normal(random: () => number): number {
  const u1 = 1 - random();
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
