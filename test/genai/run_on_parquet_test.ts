/** recommendationsOnParquet(): fixture Parquet in, `recommendations.parquet` out, byte-identical twice. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { rulesClient } from "../../loaders/genai/client.ts";
import { recommendationsOnParquet } from "../../loaders/genai/run_on_parquet.ts";
import { AS_OF } from "./fixtures.ts";

Deno.test("recommendationsOnParquet()", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-recommendations-" });
  const db = await openDb({ threads: 1 });
  await db.con.run(`copy (select * from (values
    ('H9901', 'col', 1, 20, 3.5, 4.0, 900000.0)
  ) t(contract_id, measure_key, weight, members_to_next_star, value_before, value_after, revenue_change_per_year))
  to ${sqlString(join(dir, "weak_measures.parquet"))} (format parquet)`);
  closeDb(db);
  const first = await recommendationsOnParquet(dir, { asOf: AS_OF, client: rulesClient() });
  const bytes = await Deno.readFile(join(dir, "recommendations.parquet"));
  const second = await recommendationsOnParquet(dir, { asOf: AS_OF, client: rulesClient() });
  assert.deepEqual(first, { rows: 1, calls: 1, cached: 0, fallbacks: 0 });
  assert.deepEqual(second, first);
  assert.deepEqual(await Deno.readFile(join(dir, "recommendations.parquet")), bytes);
  const check = await openDb({ threads: 1 });
  const rows = await queryRows(
    check,
    `select subject_id, source, strftime(generated_date, '%Y-%m-%d') as d
     from read_parquet(${sqlString(join(dir, "recommendations.parquet"))})`,
  );
  closeDb(check);
  assert.deepEqual(rows, [{ subject_id: "H9901/col", source: "rules", d: AS_OF }]);
  await Deno.remove(dir, { recursive: true });
});
