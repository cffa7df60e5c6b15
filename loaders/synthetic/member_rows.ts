/**
 * Tables of typed-array columns with a `member_index` column (members numbered 0, 1, … in member-id
 * order) in member order, as the claims made in TypeScript read them: cut into member ranges and
 * walked member by member.
 */
import type { NumericColumn } from "../lib/duckdb_columns.ts";

/** Columns of one length by name, one of them `member_index`. */
export type MemberTable = Record<string, NumericColumn>;

/** The first row at or after `from` whose `member_index` is not below `member` (a forward walk). */
export function seek(index: ArrayLike<number>, from: number, member: number): number {
  let at = from;
  while (at < index.length && index[at]! < member) at++;
  return at;
}

/** The first row of `index` (ascending) not below `member`, by bisection. */
export function lowerBound(index: ArrayLike<number>, member: number): number {
  let lo = 0, hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index[mid]! < member) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The rows of `table` for members `from…to` (its `member_index` ascending), as views. */
export function rowsOf(table: MemberTable, from: number, to: number): MemberTable {
  const index = table.member_index!;
  const a = lowerBound(index, from), b = lowerBound(index, to);
  return Object.fromEntries(Object.entries(table).map(([name, column]) => [name, column.subarray(a, b)]));
}

/** {@linkcode rowsOf}, copied (for a worker, which takes the buffers). */
export function copyRowsOf(table: MemberTable, from: number, to: number): MemberTable {
  return Object.fromEntries(
    Object.entries(rowsOf(table, from, to)).map(([name, column]) => [name, column.slice()]),
  );
}
