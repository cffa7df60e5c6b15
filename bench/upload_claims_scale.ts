/**
 * The utilization upload at its stated limit: a claims CSV of 2,000,000 rows padded to about 200 MB (an
 * extra, unmapped comment column, as exports often carry) plus 100,000 members, read and validated by
 * `readClaimsUpload` — the function the page's Web Worker runs — then loaded and computed by
 * `computeUtilization` with the build's SQL. Prints wall time per phase and the peak resident memory
 * (sampled), of the reading phase, which is what the browser's worker holds. The computing phase runs on
 * DuckDB's native engine here; in the page DuckDB-WASM runs the same SQL in its own worker (slower, single
 * threaded). Figures vary with the machine and its load.
 *
 *   deno run -A bench/upload_claims_scale.ts [rows]      (default 2000000)
 */
import { join } from "node:path";
import { closeDb, openDb, queryRows } from "../loaders/lib/duckdb.ts";
import { parseMapping } from "../src/lib/input/mapping.ts";
import { seededRandom } from "../src/lib/prng.ts";
import { readClaimsUpload } from "../src/lib/upload/claims_upload.ts";
import { computeUtilization, type SqlEngine } from "../src/lib/upload/utilization_db.ts";

const ROWS = Number(Deno.args[0] ?? 2_000_000);
const MEMBERS = Math.max(100, Math.round(ROWS / 20));
const root = new URL("..", import.meta.url);
const read = (path: string) => Deno.readTextFile(new URL(path, root));
const mapping = parseMapping(
  JSON.parse(await read("loaders/input/mappings/flat-claims.json")),
  "flat-claims",
);
const sql = {
  member_months: await read("loaders/core/member_months.sql"),
  company_er_visits: await read("loaders/utilization/er_visits.sql"),
  company_month_counts: await read("loaders/utilization/company_month_counts.sql"),
};

/** Seeded synthetic files in the flat-claims layout. */
function makeFiles(): { claims: Uint8Array; members: Uint8Array } {
  const random = seededRandom(20261);
  const members = ["member_id,company_id,age,gender,join_date"];
  for (let i = 0; i < MEMBERS; i++) {
    members.push(`M${i},CO${i % 200},${20 + (i % 45)},${i % 2 ? "F" : "M"},2024-0${1 + (i % 6)}-01`);
  }
  const pad = "x".repeat(38);
  const claims = ["claim_id,member_id,PROV_CODE,service_date,period,is_er,admission_flag,net_bill,comment"];
  for (let i = 0; i < ROWS; i++) {
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const er = random() < 0.05;
    claims.push(
      `CLM${String(i).padStart(9, "0")},M${Math.floor(random() * MEMBERS)},P${Math.floor(random() * 500)},` +
        `2024-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")},2024${
          String(month).padStart(2, "0")
        },${er ? 1 : 0},${er && random() < 0.2 ? 1 : 0},${(20 + random() * 900).toFixed(2)},${pad}`,
    );
  }
  const encode = (lines: string[]) => new TextEncoder().encode(lines.join("\n") + "\n");
  return { claims: encode(claims), members: encode(members) };
}

let peak = 0;
const sample = () => (peak = Math.max(peak, Deno.memoryUsage().rss));
const timer = setInterval(sample, 50);
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

let t = performance.now();
const files = makeFiles();
const generated = (performance.now() - t) / 1000;
sample();
const before = peak;
t = performance.now();
const upload = await readClaimsUpload(
  [{ name: "claims.csv", bytes: files.claims }, { name: "members.csv", bytes: files.members }],
  mapping,
  { onProgress: sample },
);
const readSeconds = (performance.now() - t) / 1000;
sample();
const readPeak = peak;
if (!upload.ready) throw new Error(`the benchmark upload is not usable: ${upload.problems.join("; ")}`);

const db = await openDb();
const dir = await Deno.makeTempDir({ prefix: "lodestar-upload-bench-" });
const registered = new Map<string, string>();
const engine: SqlEngine = {
  query: (text) => {
    let q = text;
    for (const [name, path] of registered) q = q.replaceAll(`'${name}'`, `'${path}'`);
    return queryRows(db, q);
  },
  registerText: async (name, text) => {
    registered.set(name, join(dir, name));
    await Deno.writeTextFile(join(dir, name), text);
  },
};
t = performance.now();
const { kpis } = await computeUtilization(engine, upload, sql);
const computeSeconds = (performance.now() - t) / 1000;
clearInterval(timer);
closeDb(db);
await Deno.remove(dir, { recursive: true });

console.table([{
  "claim rows": ROWS.toLocaleString("en-US"),
  "claims MB": mb(files.claims.length),
  "members": MEMBERS.toLocaleString("en-US"),
  "generate s": generated.toFixed(1),
  "read + validate s": readSeconds.toFixed(1),
  "peak RSS while reading MB": mb(readPeak),
  "RSS before reading MB": mb(before),
  "compute (native DuckDB) s": computeSeconds.toFixed(1),
  "company-months": kpis.length,
}]);
