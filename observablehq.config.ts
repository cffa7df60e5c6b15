// Lodestar site configuration. Framework evaluates this file before every build and preview, so
// it is also where the build is made hermetic and never stale:
// - fillNpmCache vendors every browser library from node_modules into Framework's npm cache, so
//   nothing is fetched from a CDN at build or view time;
// - invalidateStaleOutputs clears cached loader outputs when loaders/, models/, data/ or the
//   analyst's input settings changed (Framework alone only watches the loader file);
// - pinFileDates keeps wall-clock time out of built pages.
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { invalidateStaleOutputs } from "./platform/freshness.ts";
import { fillNpmCache } from "./platform/offline_npm.ts";
import { sidebarPages } from "./platform/navigation.ts";
import { pinFileDates } from "./platform/reproducible.ts";
import { siteHead } from "./platform/site_head.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
await fillNpmCache({ root });
invalidateStaleOutputs({ root, env: process.env });
await pinFileDates(process.argv, process.env);

const input = process.env.LODESTAR_INPUT;

// Loaders run under Deno with the least they need:
// --allow-ffi=node_modules  DuckDB's native engine (@duckdb/node-api) is a Node-API addon loaded
//                           from node_modules. Its own file I/O happens in native code, outside
//                           Deno's permission checks, so keep the SQL it runs under our control.
// --allow-read              data/ (reference tables), loaders/ and models/ (SQL files),
//                           node_modules (wasm and package files), committed goldens, the
//                           temp folder the pipeline writes to, and the analyst's input folder.
// --allow-write             only the temp folder (archive loaders stage their members there).
// --allow-env=LODESTAR_*    the documented input settings, nothing else.
// --no-prompt --no-remote   never wait for a permission answer; never fetch code.
// Paths are resolved to real paths: Deno checks permissions against the real location of a file,
// and node_modules may be a link.
const real = (path: string) => realpathSync(resolve(root, path));
const modules = real("node_modules");
const temp = realpathSync(tmpdir());
const readable = [
  real("data"),
  real("loaders"),
  real("models"),
  modules,
  temp,
  // committed goldens the validation step compares with (loaders/validation/step.ts)
  real("test/input/logistic"),
  real("test/golden/logistic"),
  real("test/output"),
  ...(input ? [real(input)] : []),
];
const deno = join(modules, ".bin", "deno");

// With a Gemini key the recommendations step may call the model: it reaches the API host only, writes its
// answers to data/genai_cache/ (so the next build reuses them and costs nothing), and reads the variables the
// SDK reads when it loads. Without a key the build stays offline and the rule library answers.
const gemini = process.env.LODESTAR_GEMINI_API_KEY
  ? {
    net: [
      `--allow-net=${
        new URL(process.env.LODESTAR_GEMINI_BASE_URL ?? "https://generativelanguage.googleapis.com").host
      }`,
    ],
    write: [resolve(root, "data", "genai_cache")],
    env: ["GOOGLE_*", "GEMINI_*", "WS_NO_BUFFER_UTIL", "WS_NO_UTF_8_VALIDATE"],
  }
  : { net: [], write: [], env: [] };

export default {
  root: "src",
  title: "Lodestar",
  pages: sidebarPages(),
  pager: false,
  head: siteHead(root),
  // Light or dark following the reader's system setting.
  theme: ["air", "near-midnight"],
  footer: "Lodestar — reproducible utilization and Star Ratings analytics.",
  globalStylesheets: [],
  search: false,
  duckdb: { extensions: { json: null, parquet: null } },
  interpreters: {
    ".ts": [
      deno,
      "run",
      "--quiet",
      "--no-prompt",
      "--no-remote",
      `--allow-ffi=${modules}`,
      `--allow-read=${readable.join(",")}`,
      `--allow-write=${[temp, ...gemini.write].join(",")}`,
      `--allow-env=${["LODESTAR_*", ...gemini.env].join(",")}`,
      ...gemini.net,
    ],
  },
};
