// Type-checking stand-in for Framework's browser-only "npm:@observablehq/duckdb" module, mapped in
// deno.json's imports so `deno check` can check page components. Framework serves the real module.

/** Framework's DuckDB-WASM client (the parts Lodestar uses). */
export declare class DuckDBClient {
  static sql(
    sources: Record<string, unknown>,
    config?: Record<string, unknown>,
  ): Promise<(strings: TemplateStringsArray, ...params: unknown[]) => Promise<unknown>>;
  query(sql: string, params?: unknown[]): Promise<unknown>;
}
