/**
 * Load test of the access gateway on loopback (not part of the test suite):
 *
 * 1. 1,000 allowlisted people sign in at once (request a code, read it from the outbox, submit
 *    it): every sign-in must give a distinct session, KV must hold exactly 1,000 sessions, and
 *    each must open a page.
 * 2. autocannon, 100 connections for 30 s, alternating an authenticated page and a Parquet file:
 *    zero errors and zero non-2xx answers; latency percentiles reported.
 * 3. The gateway process is stopped and started again on the same KV file: every session still
 *    opens its page.
 *
 *   deno run -A bench/gateway_load.ts DIST [seconds] [connections]
 *
 * DIST is a built site (`deno task build`); its manifest is written first. Figures depend on the
 * machine and on what else runs on it.
 */
import autocannon from "autocannon";
import { join } from "node:path";
import { setUser } from "../gateway/allowlist.ts";
import { writeManifest } from "../gateway/manifest.ts";

const dist = Deno.args[0] ?? "dist";
const seconds = Number(Deno.args[1] ?? 30);
const connections = Number(Deno.args[2] ?? 100);
const USERS = 1000;
const manifest = await writeManifest(dist);
const reviewerPage = "/data/explorer";
const parquet = Object.entries(manifest.entries).find(([url, e]) =>
  url.endsWith(".parquet") && e.roles.includes("reviewer")
)?.[0];
if (!manifest.entries[reviewerPage] || !parquet) {
  throw new Error(`${dist} has no ${reviewerPage} or reviewer Parquet`);
}

const work = await Deno.makeTempDir({ prefix: "lodestar-gateway-load-" });
const kvPath = join(work, "gateway.kv");
const outbox = join(work, "outbox");
const emails = Array.from({ length: USERS }, (_, i) => `user${String(i).padStart(4, "0")}@example.com`);
{
  const kv = await Deno.openKv(kvPath);
  for (const email of emails) await setUser(kv, email, "reviewer");
  kv.close();
}

const port = 18000 + Math.floor(Math.random() * 1000);
const origin = `http://127.0.0.1:${port}`;

async function startServer(): Promise<Deno.ChildProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./gateway_server.ts", import.meta.url).pathname,
      dist,
      kvPath,
      outbox,
      String(port),
    ],
    stderr: "piped",
    stdout: "null",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes("listening")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`gateway exited: ${seen}`);
    seen += value;
  }
  reader.releaseLock();
  child.stderr.cancel().catch(() => {});
  return child;
}

// One poller reads the outbox for every waiting sign-in (each message is read once).
const codes = new Map<string, string>();
const read = new Set<string>();
let polling: Promise<void> | undefined;
async function pollOutbox(): Promise<void> {
  try {
    for (const entry of Deno.readDirSync(outbox)) {
      if (read.has(entry.name) || !entry.name.endsWith(".txt")) continue;
      const text = await Deno.readTextFile(join(outbox, entry.name));
      const to = text.match(/^To: (.+)$/m)?.[1];
      const code = text.match(/code is (\d{6})/)?.[1];
      if (to && code) {
        codes.set(to, code);
        read.add(entry.name);
      }
    }
  } catch {
    // outbox not created yet
  }
}

async function codeFor(email: string): Promise<string> {
  for (let tries = 0; tries < 1200; tries++) {
    const code = codes.get(email);
    if (code) return code;
    polling ??= pollOutbox().finally(() => polling = undefined);
    await polling;
    if (!codes.has(email)) await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no code for ${email}`);
}

const post = (path: string, body: Record<string, string>, cookie?: string) =>
  fetch(origin + path, {
    method: "POST",
    redirect: "manual",
    headers: {
      origin,
      "sec-fetch-site": "same-origin",
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(body).toString(),
  });

function cookieOf(response: Response, name: string): string | undefined {
  const line = response.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(";")[0];
}

async function opens(sid: string): Promise<boolean> {
  const r = await fetch(origin + reviewerPage, {
    headers: { cookie: `__Host-sid=${sid}` },
    redirect: "manual",
  });
  await r.body?.cancel();
  return r.status === 200;
}

let server = await startServer();
const results: Record<string, string | number> = {};

// 1. 1,000 concurrent sign-ins.
const loginStart = performance.now();
const sids = await Promise.all(emails.map(async (email) => {
  const requested = await post("/auth/request", { email });
  await requested.body?.cancel();
  const flow = cookieOf(requested, "__Host-flow");
  if (requested.status !== 303 || !flow) throw new Error(`request ${email}: HTTP ${requested.status}`);
  const code = await codeFor(email);
  const verified = await post("/auth/verify", { email, code }, `__Host-flow=${flow}`);
  await verified.body?.cancel();
  const sid = cookieOf(verified, "__Host-sid");
  if (verified.status !== 303 || !sid) throw new Error(`verify ${email}: HTTP ${verified.status}`);
  return sid;
}));
results["sign-ins (concurrent)"] = USERS;
results["sign-in wall time, s"] = ((performance.now() - loginStart) / 1000).toFixed(1);
results["distinct session ids"] = new Set(sids).size;
{
  const kv = await Deno.openKv(kvPath);
  let stored = 0;
  for await (const _ of kv.list({ prefix: ["session"] })) stored++;
  kv.close();
  results["sessions in KV"] = stored;
}
results["sessions that open a page"] = (await Promise.all(sids.map(opens))).filter(Boolean).length;

// 2. Sustained authenticated page + Parquet load.
const cookie = `__Host-sid=${sids[0]}`;
const run = await autocannon({
  url: origin,
  connections,
  duration: seconds,
  headers: { cookie, "accept-encoding": "gzip, br" },
  requests: [{ method: "GET", path: reviewerPage }, { method: "GET", path: parquet }],
});
results["load: connections × seconds"] = `${connections} × ${seconds}`;
results["load: requests"] = run.requests.total;
results["load: requests/s (mean)"] = run.requests.average;
results["load: 2xx"] = run["2xx"];
results["load: non-2xx"] = run.non2xx;
results["load: errors"] = run.errors;
results["load: timeouts"] = run.timeouts;
results["load: latency p50, ms"] = run.latency.p50;
results["load: latency p99, ms"] = run.latency.p99;
results["load: latency max, ms"] = run.latency.max;

// 3. Restart on the same KV file.
server.kill("SIGTERM");
await server.status;
server = await startServer();
results["sessions that open a page after restart"] =
  (await Promise.all(sids.map(opens))).filter(Boolean).length;
server.kill("SIGTERM");
await server.status;
await Deno.remove(work, { recursive: true });

console.table(results);
const ok = results["distinct session ids"] === USERS && results["sessions in KV"] === USERS &&
  results["sessions that open a page"] === USERS && run.errors === 0 && run.non2xx === 0 &&
  run.timeouts === 0 &&
  results["sessions that open a page after restart"] === USERS;
if (!ok) {
  console.error("gateway load test FAILED");
  Deno.exit(1);
}
