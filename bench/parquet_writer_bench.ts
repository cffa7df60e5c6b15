/**
 * Which engine writes the pipeline's Parquet: DuckDB's native engine, Arrow JS + parquet-wasm, or
 * the project's own column writer (`loaders/lib/parquet_write.ts`). All write the same
 * 1,000,000-row, four-column table (int, int, double, short string) with ZSTD.
 */
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { Compression, Table as WasmTable, writeParquet, WriterPropertiesBuilder } from "parquet-wasm/node";
import { join } from "node:path";
import { closeDb, openDb } from "../loaders/lib/duckdb.ts";
import { writeParquetColumns } from "../loaders/lib/parquet_write.ts";

const N = 1_000_000;
const dir = await Deno.makeTempDir({ prefix: "lodestar-bench-" });

Deno.bench(
  "DuckDB native: generate + COPY TO parquet (1M rows)",
  { group: "parquet", baseline: true },
  async () => {
    const db = await openDb();
    await db.con.run(`copy (
    select range::integer as id, (range % 997)::integer as company, (range % 1000) * 1.25 as paid,
      'C' || (range % 50)::varchar as code
    from range(${N})
  ) to '${join(dir, "duckdb.parquet")}' (format parquet, compression zstd)`);
    closeDb(db);
  },
);

Deno.bench(
  "Arrow JS + parquet-wasm: build arrays + writeParquet (1M rows)",
  { group: "parquet" },
  async () => {
    const id = new Int32Array(N), company = new Int32Array(N), paid = new Float64Array(N);
    const code: string[] = new Array(N);
    for (let i = 0; i < N; i++) {
      id[i] = i;
      company[i] = i % 997;
      paid[i] = (i % 1000) * 1.25;
      code[i] = `C${i % 50}`;
    }
    const table = tableFromArrays({ id, company, paid, code });
    const props = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
    const bytes = writeParquet(WasmTable.fromIPCStream(tableToIPC(table, "stream")), props);
    await Deno.writeFile(join(dir, "wasm.parquet"), bytes);
  },
);

Deno.bench(
  "TypeScript column writer: build typed arrays + writeParquetColumns (1M rows)",
  { group: "parquet" },
  async () => {
    const id = new Int32Array(N), company = new Int32Array(N), paid = new Float64Array(N);
    const code = new Int32Array(N);
    for (let i = 0; i < N; i++) {
      id[i] = i;
      company[i] = i % 997;
      paid[i] = (i % 1000) * 1.25;
      code[i] = i % 50;
    }
    await writeParquetColumns(join(dir, "columns.parquet"), [
      { name: "id", type: "int32", values: id },
      { name: "company", type: "int32", values: company },
      { name: "paid", type: "double", values: paid },
      {
        name: "code",
        type: "dictionary",
        dictionary: Array.from({ length: 50 }, (_, i) => `C${i}`),
        codes: code,
      },
    ]);
  },
);
