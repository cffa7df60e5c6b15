/**
 * What the claims made in TypeScript (`pharmacy_fills_make.ts`, `medical_claims_make.ts`) share: the
 * row-group size and claim statuses, codes for a column's text values, a row group's claim ids and
 * zero-padded digits of claim ids.
 */
import type { TextColumn } from "../lib/parquet_write.ts";
import { CLAIM_STATUSES } from "../contract/schema.ts";

/** Rows per row group, as DuckDB writes them (a group may end a claim's few lines past it). */
export const GROUP_ROWS = 122_880;

/** The contract's claim statuses; a status's code is its position (paid 0, rejected 1, reversed 2). */
export const STATUSES: readonly string[] = CLAIM_STATUSES;

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

/** A text column built row by row (a row group's claim ids): UTF-8 bytes and their offsets. */
export class TextRows {
  bytes: Uint8Array;
  readonly offsets: Int32Array;

  constructor(rows: number, bytesPerRow: number) {
    this.bytes = new Uint8Array(rows * bytesPerRow);
    this.offsets = new Int32Array(rows + 1);
  }

  /**
   * Reserves `length` bytes for row `row`, right after row `row − 1`'s (rows are made in order from
   * 0), growing the buffer as needed; returns where they start in {@linkcode bytes}.
   */
  reserve(row: number, length: number): number {
    const start = this.offsets[row]!;
    if (start + length > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, start + length));
      next.set(this.bytes);
      this.bytes = next;
    }
    this.offsets[row + 1] = start + length;
    return start;
  }

  /** Makes row `row` the bytes `source[0…length)`. */
  set(row: number, source: Uint8Array, length: number): void {
    const start = this.reserve(row, length), bytes = this.bytes;
    for (let i = 0; i < length; i++) bytes[start + i] = source[i]!;
  }

  /** The first `rows` rows as a Parquet text column. */
  column(name: string, rows: number): TextColumn {
    return { name, type: "text", bytes: this.bytes, offsets: this.offsets.subarray(0, rows + 1) };
  }
}
