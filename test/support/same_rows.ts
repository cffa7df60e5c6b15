/**
 * Asserts two Parquet files hold the same rows in the same order: counts, rows only in one file
 * (with their row numbers, so a swap of two rows fails too) and the first differing rows.
 */
import assert from "node:assert/strict";
import { type Db, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";

/** The two files' row counts and rows (with file row numbers) found in one only; fails on any. */
export async function assertSameRows(db: Db, expectedPath: string, actualPath: string): Promise<number> {
  const read = (path: string) => `(select * from read_parquet(${sqlString(path)}, file_row_number = true))`;
  const [counts] = await queryRows(
    db,
    `select (select count(*) from ${read(expectedPath)})::integer as expected_rows,
       (select count(*) from ${read(actualPath)})::integer as actual_rows,
       (select count(*) from (select * from ${read(expectedPath)} except all select * from ${
      read(actualPath)
    }))::integer as only_expected,
       (select count(*) from (select * from ${read(actualPath)} except all select * from ${
      read(expectedPath)
    }))::integer as only_actual`,
  );
  if (
    counts!.only_expected !== 0 || counts!.only_actual !== 0 || counts!.expected_rows !== counts!.actual_rows
  ) {
    const diff = await queryRows(
      db,
      `(select 'expected' as side, * from ${read(expectedPath)} except select 'expected', * from ${
        read(actualPath)
      } order by file_row_number limit 3)
       union all
       (select 'actual', * from ${read(actualPath)} except select 'actual', * from ${
        read(expectedPath)
      } order by file_row_number limit 3)`,
    );
    const json = (v: unknown) => JSON.stringify(v, (_, x) => typeof x === "bigint" ? Number(x) : x, 1);
    assert.fail(`rows differ (file row number included): ${json(counts)}\n${json(diff)}`);
  }
  return Number(counts!.actual_rows);
}
