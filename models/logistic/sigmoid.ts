/**
 * The logistic function σ(z) = 1 / (1 + e^(−z)), evaluated without overflow for large |z|
 * (for z < 0 as e^z / (1 + e^z)).
 *
 * @example
 * ```ts
 * import { sigmoid } from "./sigmoid.ts";
 * sigmoid(0); // 0.5
 * ```
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * softplus(z) = log(1 + e^z), the log-loss of a negative example with log-odds z, evaluated as
 * max(z, 0) + log1p(e^(−|z|)) so it neither overflows nor loses precision.
 *
 * @example
 * ```ts
 * import { softplus } from "./sigmoid.ts";
 * softplus(0); // Math.LN2
 * ```
 */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}
