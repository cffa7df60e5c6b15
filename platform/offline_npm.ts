/**
 * Fills Observable Framework's npm cache (`src/.observablehq/cache/_npm`) from the packages in
 * `node_modules`, so that `observable build` and `observable preview` never reach a CDN.
 *
 * Framework skips its jsDelivr download when `_npm/<name>@<version>/<file>` already exists, and it
 * resolves unversioned `npm:` imports by listing the version folders in `_npm/`. This module:
 * - bundles each library a page can import to `<name>@<installed version>/_esm.js` (browser ESM),
 *   keeping the other vendored libraries external as relative paths so each loads once;
 * - copies the DuckDB-WASM and parquet-wasm binaries and workers unchanged;
 * - creates empty version folders for the libraries Framework's client merely names, so that
 *   resolving them needs no registry lookup. Using one of those in a page fails the build
 *   ("unable to fetch"), which is the signal to add it to {@linkcode VENDORED} below.
 *
 * It relies on Framework's undocumented cache layout: Framework is pinned to an exact version and
 * `test/platform/offline_build_test.ts` builds the site with no network at all.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { build, type Plugin } from "esbuild";

/** A library bundled for the browser from `node_modules`. */
interface Vendored {
  /** Package name as pages import it (`npm:<name>`). */
  name: string;
  /** Entry module inside the package; the package's browser export when absent. */
  entry?: string;
  /** Files copied unchanged (paths inside the package). */
  assets?: string[];
}

/** The libraries a Lodestar page may use, bundled from the lockfile's packages. */
export const VENDORED: readonly Vendored[] = [
  { name: "d3" },
  { name: "d3-dsv" },
  { name: "htl" },
  { name: "isoformat" },
  { name: "@observablehq/plot" },
  { name: "apache-arrow", entry: "Arrow.dom.mjs" },
  {
    name: "parquet-wasm",
    entry: "esm/parquet_wasm.js",
    assets: ["esm/parquet_wasm_bg.wasm"],
  },
  {
    name: "@duckdb/duckdb-wasm",
    entry: "dist/duckdb-browser.mjs",
    assets: [
      "dist/duckdb-mvp.wasm",
      "dist/duckdb-eh.wasm",
      "dist/duckdb-browser-mvp.worker.js",
      "dist/duckdb-browser-eh.worker.js",
    ],
  },
];

/**
 * Libraries that Framework's client names (recommended libraries, sample data sets) but that
 * Lodestar pages do not use. They get an empty version folder so resolution stays offline.
 */
export const NAMED_ONLY: readonly string[] = [
  "@observablehq/sample-datasets",
  "@uwdata/vgplot",
  "@viz-js/viz",
  "arquero",
  "echarts",
  "exceljs",
  "jszip",
  "katex",
  "leaflet",
  "lodash",
  "mapbox-gl",
  "mermaid",
  "react",
  "react-dom",
  "sql.js",
  "topojson-client",
  "vega",
  "vega-lite",
  "vega-lite-api",
];

/** Version given to the empty folders of {@linkcode NAMED_ONLY}; no registry has it. */
export const PLACEHOLDER_VERSION = "0.0.0-offline";

/** Options for {@linkcode fillNpmCache}. */
export interface FillOptions {
  /** Project root (holds `node_modules` and `package-lock.json`). */
  root: string;
  /** Framework source root relative to `root`. Default `src`. */
  srcDir?: string;
  /** Rebuild even when the stamp says the cache is current. */
  force?: boolean;
  /** Progress messages; default stderr. */
  log?: (message: string) => void;
}

/** What {@linkcode fillNpmCache} did. */
export interface FillResult {
  /** False when the stamp matched and nothing was written. */
  rebuilt: boolean;
  /** Vendored package folder names (`name@version`). */
  packages: string[];
}

/** The installed version of a package in `node_modules`. */
export function installedVersion(root: string, name: string): string {
  const path = join(root, "node_modules", name, "package.json");
  if (!existsSync(path)) {
    throw new Error(`Cannot vendor ${name}: ${path} is missing (run npm install)`);
  }
  return JSON.parse(readFileSync(path, "utf-8")).version;
}

/**
 * The path from one cache file to another vendored package's `_esm.js`.
 *
 * @example
 * ```ts
 * import { strictEqual } from "node:assert";
 * strictEqual(relativeImport("@observablehq/plot@0.6.17", "d3@7.9.2"), "../../d3@7.9.2/_esm.js");
 * ```
 */
export function relativeImport(fromFolder: string, toFolder: string): string {
  return relative(join("/_npm", fromFolder), join("/_npm", toFolder, "_esm.js"));
}

function stampOf(root: string): string {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(root, "package-lock.json")));
  hash.update(readFileSync(new URL(import.meta.url)));
  return hash.digest("hex");
}

/** Fills the npm cache unless its stamp shows it is current for this lockfile and this module. */
export async function fillNpmCache(options: FillOptions): Promise<FillResult> {
  const { root, srcDir = "src", force = false } = options;
  const log = options.log ?? ((m: string) => console.error(m));
  const cache = join(root, srcDir, ".observablehq", "cache");
  const npmDir = join(cache, "_npm");
  const stampPath = join(cache, "_lodestar", "npm-stamp.txt");
  const stamp = stampOf(root);
  const folders = new Map(VENDORED.map((v) => [v.name, `${v.name}@${installedVersion(root, v.name)}`]));
  const packages = [...folders.values()];
  if (!force && existsSync(stampPath) && readFileSync(stampPath, "utf-8") === stamp) {
    return { rebuilt: false, packages };
  }
  const started = performance.now();
  rmSync(npmDir, { recursive: true, force: true });
  for (const v of VENDORED) {
    const folder = folders.get(v.name)!;
    const pkgDir = join(root, "node_modules", v.name);
    const out = join(npmDir, folder);
    mkdirSync(out, { recursive: true });
    const external: Plugin = {
      name: "lodestar-vendored-externals",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          const dep = [...folders.keys()].find((n) => args.path === n);
          if (dep === undefined || dep === v.name) return undefined;
          return { path: relativeImport(folder, folders.get(dep)!), external: true };
        });
      },
    };
    await build({
      entryPoints: [v.entry ? join(pkgDir, v.entry) : v.name],
      absWorkingDir: root,
      bundle: true,
      format: "esm",
      platform: "browser",
      conditions: ["browser", "import"],
      target: "es2022",
      minify: true,
      legalComments: "none",
      outfile: join(out, "_esm.js"),
      plugins: [external],
      logLevel: "error",
    });
    for (const asset of v.assets ?? []) {
      mkdirSync(dirname(join(out, asset)), { recursive: true });
      copyFileSync(join(pkgDir, asset), join(out, asset));
    }
  }
  for (const name of NAMED_ONLY) {
    mkdirSync(join(npmDir, `${name}@${PLACEHOLDER_VERSION}`), { recursive: true });
  }
  mkdirSync(dirname(stampPath), { recursive: true });
  writeFileSync(stampPath, stamp);
  log(`offline npm cache: ${packages.length} packages in ${Math.round(performance.now() - started)} ms`);
  return { rebuilt: true, packages };
}
