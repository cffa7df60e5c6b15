/**
 * Text helpers of the claims made in TypeScript (`pharmacy_fills_make.ts`, `medical_claims_make.ts`):
 * codes for a column's text values and zero-padded digits of claim ids.
 */

/** Codes for text values, in order of first appearance (a dictionary column's codes; null is −1). */
export class Codes {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();

  of(value: string | null): number {
    if (value === null) return -1;
    let code = this.#index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.#index.set(value, code);
    }
    return code;
  }
}

/** Writes `value` as `width` zero-padded ASCII digits at `at` (as `lpad(value::varchar, width, '0')`). */
export function digits(out: Uint8Array, at: number, value: number, width: number): void {
  if (value >= 10 ** width) throw new RangeError(`${value} does not fit ${width} digits of a claim id`);
  for (let i = width - 1; i >= 0; i--) {
    out[at + i] = 48 + (value % 10);
    value = Math.floor(value / 10);
  }
}
