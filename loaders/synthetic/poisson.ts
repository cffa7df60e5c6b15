/**
 * SQL for a Poisson draw by inversion, as a DuckDB macro:
 *   N = min{k : u < F(k)},  F(k) = e^{−λ} Σ_{i≤k} λ^i / i!
 * written as a CASE so that execution stops at the first true branch (almost always k = 0 for the
 * small monthly rates the generator uses). Counts are capped at K (λ ≤ 3 gives P(N ≥ 16) < 1e-7).
 * The macro repeats `lam` and `u` textually, so callers pass plain columns of a materialized
 * table, never expressions.
 */
export function poissonMacroSql(terms = 16): string {
  const factorial = (n: number): number => n <= 1 ? 1 : n * factorial(n - 1);
  const branches: string[] = [];
  for (let k = 0; k < terms; k++) {
    const series = Array.from(
      { length: k + 1 },
      (_, i) => i === 0 ? "1" : i === 1 ? "lam" : `pow(lam, ${i}) / ${factorial(i)}`,
    );
    branches.push(`when u < exp(-lam) * (${series.join(" + ")}) then ${k}`);
  }
  return `create or replace macro rpois(lam, u) as case\n  ${branches.join("\n  ")}\n  else ${terms} end`;
}
