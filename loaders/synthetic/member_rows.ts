/**
 * Tables of typed-array columns with a `member_index` column (members numbered 0, 1, … in member-id
 * order), as the claims made in TypeScript read them: put in member order, cut into member ranges,
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

/** A stable counting sort's order of rows by `keys` (integers in 0…range−1). */
function countingOrder(keys: ArrayLike<number>, range: number, rows: Int32Array, what: string): Int32Array {
  const starts = new Int32Array(range + 1);
  for (let i = 0; i < rows.length; i++) {
    const k = keys[rows[i]!]!;
    if (!(k >= 0 && k < range && Number.isInteger(k))) {
      throw new RangeError(`inMemberOrder: row ${rows[i]} has ${what} ${k}, outside 0…${range - 1}`);
    }
    starts[k + 1]!++;
  }
  for (let k = 0; k < range; k++) starts[k + 1]! += starts[k]!;
  const order = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) order[starts[keys[rows[i]!]!]!++] = rows[i]!;
  return order;
}

/**
 * The rows of `table` in member order, and within a member in the order of `within` (small
 * non-negative integers, one per row) when given: stable counting sorts on `within`, then on
 * `member_index` (whose values must lie in 0…members−1). Rows read from the database in no
 * particular order become walkable member by member without a sort in SQL.
 */
export function inMemberOrder(table: MemberTable, members: number, within?: ArrayLike<number>): MemberTable {
  const index = table.member_index!;
  let order: Int32Array = Int32Array.from({ length: index.length }, (_, i) => i);
  if (within !== undefined) {
    let range = 0;
    for (let i = 0; i < within.length; i++) range = Math.max(range, within[i]! + 1);
    order = countingOrder(within, range, order, "order key");
  }
  order = countingOrder(index, members, order, "member_index");
  return Object.fromEntries(
    Object.entries(table).map(([name, column]) => {
      const sorted = new (column.constructor as new (n: number) => NumericColumn)(column.length);
      for (let i = 0; i < order.length; i++) sorted[i] = column[order[i]!]!;
      return [name, sorted];
    }),
  );
}
