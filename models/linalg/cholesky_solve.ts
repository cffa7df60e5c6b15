/**
 * Solves `A x = b` for a symmetric positive-definite `A` by Cholesky factorisation `A = L Lᵀ`,
 * then forward substitution `L z = b` and back substitution `Lᵀ x = z`.
 *
 * @example
 * ```ts
 * import { choleskySolve } from "./cholesky_solve.ts";
 * choleskySolve([[4, 2], [2, 3]], [2, 1]); // [0.5, 0]
 * ```
 * @throws if `A` is not square, `b` has another length, or `A` is not positive definite.
 */
export function choleskySolve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = a.length;
  if (b.length !== n) {
    throw new Error(`Cannot solve: matrix is ${n}×${n} but the right-hand side has ${b.length}`);
  }
  const l: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = a[i]!;
    if (row.length !== n) {
      throw new Error(`Cannot solve: matrix row ${i} has ${row.length} entries, expected ${n}`);
    }
    const li = new Float64Array(n);
    for (let j = 0; j <= i; j++) {
      const lj = l[j] ?? li;
      let sum = row[j]!;
      for (let k = 0; k < j; k++) sum -= li[k]! * lj[k]!;
      if (i === j) {
        if (!(sum > 0)) {
          throw new Error(`Cannot solve: matrix is not positive definite (pivot ${i} is ${sum})`);
        }
        li[i] = Math.sqrt(sum);
      } else {
        li[j] = sum / lj[j]!;
      }
    }
    l.push(li);
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * z[k]!;
    z[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}
