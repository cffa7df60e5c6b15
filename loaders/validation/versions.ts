/**
 * Versions of everything that touched the data or the pages, read at build time from the installed
 * packages (`node_modules/NAME/package.json`), the running Deno and DuckDB's own `version()`.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, openDb, queryRows } from "../lib/duckdb.ts";

/** Packages that read, compute or draw the data, with what each does. */
export const DATA_PACKAGES: ReadonlyArray<readonly [string, string]> = [
  ["@duckdb/node-api", "pipeline: runs the SQL and writes every Parquet file"],
  ["@duckdb/node-bindings", "pipeline: the native DuckDB engine behind node-api"],
  ["ml-random-forest", "patient risk model and star forecast: random forest"],
  ["ml-cart", "patient risk model: the forest's decision trees"],
  ["@google/genai", "recommendations: model client (used only with an API key)"],
  ["@observablehq/framework", "site build: pages, loaders, the data archive"],
  ["@duckdb/duckdb-wasm", "pages: SQL over the Parquet files in the browser"],
  ["parquet-wasm", "pages: decodes Parquet into Arrow"],
  ["apache-arrow", "pages: tables between parquet-wasm, DuckDB-WASM and the charts"],
  ["@observablehq/plot", "pages: charts"],
  ["@observablehq/inputs", "pages: tables and controls"],
  ["d3", "pages: formats and scales"],
  ["esbuild", "site build: bundles the vendored browser libraries"],
];

/** One dependency and its installed version. */
export interface DependencyVersion {
  name: string;
  version: string;
  role: string;
}

/**
 * The installed version of each of `packages`, read with `readPackageJson(name)`; a package that is
 * not installed (an optional one) is reported as `not installed`.
 *
 * @example
 * ```ts
 * const v = installedVersions([["a", "does a"]], () => '{"version": "1.2.3"}');
 * // v = [{ name: "a", version: "1.2.3", role: "does a" }]
 * ```
 */
export function installedVersions(
  packages: ReadonlyArray<readonly [string, string]>,
  readPackageJson: (name: string) => string | null,
): DependencyVersion[] {
  return packages.map(([name, role]) => {
    const text = readPackageJson(name);
    if (text === null) return { name, version: "not installed", role };
    const version = (JSON.parse(text) as { version?: unknown }).version;
    if (typeof version !== "string") {
      throw new Error(`Cannot read the version of ${name}: its package.json has no "version" string`);
    }
    return { name, version, role };
  });
}

/** Everything the reproducibility page lists: runtimes, DuckDB's engine and the packages. */
export async function buildVersions(): Promise<{
  runtime: DependencyVersion[];
  packages: DependencyVersion[];
}> {
  const modules = fileURLToPath(new URL("../../node_modules/", import.meta.url));
  const packages = installedVersions(DATA_PACKAGES, (name) => {
    try {
      return Deno.readTextFileSync(join(modules, name, "package.json"));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw error;
    }
  });
  const db = await openDb();
  let engine: string;
  try {
    const [row] = await queryRows(db, "select version() as v");
    engine = String(row?.v);
  } finally {
    closeDb(db);
  }
  return {
    runtime: [
      { name: "deno", version: Deno.version.deno, role: "runs the pipeline and every loader" },
      { name: "typescript", version: Deno.version.typescript, role: "type checks loaders, models and pages" },
      { name: "duckdb engine", version: engine, role: "pipeline SQL and Parquet writer (version())" },
    ],
    packages,
  };
}
