/**
 * The utilization upload at its stated limit: a claims CSV of 2,000,000 rows padded to about 200 MB (an
 * extra, unmapped comment column, as exports often carry) plus 100,000 members. The files are generated to a
 * temporary folder first; then a separate process reads them and runs `readClaimsUpload` — the function the
 * page's Web Worker runs — and `computeUtilization` with the build's SQL, so the peak memory printed is that
 * process's own high-water mark (VmHWM, Linux). CPU seconds (user + system, all threads) are printed beside
 * wall seconds: on a machine shared with other work they measure the upload's own work more steadily. The
 * computing phase runs on DuckDB's native engine here; in the page DuckDB-WASM runs the same SQL in its own
 * worker (single-threaded, slower).
 *
 *   deno run -A bench/upload_claims_scale.ts [rows]      (default 2000000)
 */
import { join } from "node:path";
import { closeDb, openDb, queryRows } from "../loaders/lib/duckdb.ts";
import { parseMapping } from "../src/lib/input/mapping.ts";
import { readClaimsUpload } from "../src/lib/upload/claims_upload.ts";
import { computeUtilization, type SqlEngine } from "../src/lib/upload/utilization_db.ts";
import { writeUploadFiles } from "./_upload_claims_files.ts";

const root = new URL("..", import.meta.url);
const read = (path: string) => Deno.readTextFile(new URL(path, root));

/** This process's CPU seconds (user + system, Linux) and peak resident memory in bytes. */
function usage(): { cpu: number | null; peak: number | null } {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat").split(") ")[1]!.split(" ");
    const status = Deno.readTextFileSync("/proc/self/status");
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    return { cpu: (Number(stat[11]) + Number(stat[12])) / 100, peak: hwm ? Number(hwm[1]) * 1024 : null };
  } catch {
    return { cpu: null, peak: null };
  }
}

/** The measured run, in its own process: read, validate and compute the files in `dir`; prints JSON. */
async function measure(dir: string): Promise<void> {
  const mapping = parseMapping(
    JSON.parse(await read("loaders/input/mappings/flat-claims.json")),
    "flat-claims",
  );
  const sql = {
    member_months: await read("loaders/core/member_months.sql"),
    company_er_visits: await read("loaders/utilization/er_visits.sql"),
    company_month_counts: await read("loaders/utilization/company_month_counts.sql"),
  };
  const files = [
    { name: "claims.csv", bytes: await Deno.readFile(join(dir, "claims.csv")) },
    { name: "members.csv", bytes: await Deno.readFile(join(dir, "members.csv")) },
  ];
  const start = usage();
  let t = performance.now();
  const upload = await readClaimsUpload(files, mapping);
  const readWall = (performance.now() - t) / 1000;
  const afterRead = usage();
  if (!upload.ready) throw new Error(`the benchmark upload is not usable: ${upload.problems.join("; ")}`);
  const db = await openDb();
  const engine: SqlEngine = {
    query: (text) => queryRows(db, text.replaceAll("'upload_", `'${dir}/upload_`)),
    registerText: (name, text) =>
      typeof text === "string"
        ? Deno.writeTextFile(join(dir, name), text)
        : Deno.writeFile(join(dir, name), text),
  };
  t = performance.now();
  const { kpis } = await computeUtilization(engine, upload, sql);
  const computeWall = (performance.now() - t) / 1000;
  const end = usage();
  closeDb(db);
  console.log(JSON.stringify({
    claimRows: upload.files[0]!.rowsRead,
    readWall,
    readCpu: afterRead.cpu !== null && start.cpu !== null ? afterRead.cpu - start.cpu : null,
    readPeak: afterRead.peak,
    computeWall,
    computeCpu: end.cpu !== null && afterRead.cpu !== null ? end.cpu - afterRead.cpu : null,
    peak: end.peak,
    companyMonths: kpis.length,
  }));
}

if (Deno.args[0] === "--measure") await measure(Deno.args[1]!);
else {
  const rows = Number(Deno.args[0] ?? 2_000_000);
  const members = Math.max(100, Math.round(rows / 20));
  const dir = await Deno.makeTempDir({ prefix: "lodestar-upload-bench-" });
  try {
    const bytes = await writeUploadFiles(dir, rows, members);
    const child = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", "-A", new URL(import.meta.url).pathname, "--measure", dir],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    if (!child.success) throw new Error("the measured run failed");
    const r = JSON.parse(new TextDecoder().decode(child.stdout).trim().split("\n").at(-1)!);
    const mb = (n: number | null) => (n === null ? "n/a" : (n / 1e6).toFixed(0));
    const s = (n: number | null) => (n === null ? "n/a" : n.toFixed(1));
    console.table([{
      "claim rows": r.claimRows.toLocaleString("en-US"),
      "claims MB": mb(bytes),
      "members": members.toLocaleString("en-US"),
      "read + validate s (CPU s)": `${s(r.readWall)} (${s(r.readCpu)})`,
      "peak RSS after reading MB": mb(r.readPeak),
      "compute, native DuckDB s (CPU s)": `${s(r.computeWall)} (${s(r.computeCpu)})`,
      "peak RSS MB": mb(r.peak),
      "company-months": r.companyMonths,
    }]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
