/**
 * `deno task serve` as a real process: it writes development secrets once and reuses them, keeps
 * KV on disk, prints codes in its terminal; stopping and starting the process loses no session
 * and no backoff state.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { setUser } from "../../gateway/allowlist.ts";
import { makeSite } from "./fixture.ts";

const SERVE = new URL("../../gateway/serve_local.ts", import.meta.url).pathname;

interface Running {
  child: Deno.ChildProcess;
  output: { text: string };
}

async function start(cwd: string, dist: string, port: number): Promise<Running> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", "-A", SERVE, dist],
    cwd,
    env: { PORT: String(port) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = { text: "" };
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    for await (const chunk of stream) output.text += decoder.decode(chunk, { stream: true });
  };
  pump(child.stdout);
  pump(child.stderr);
  for (let i = 0; i < 200 && !output.text.includes("serving "); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.match(output.text, /sign-in codes are printed in this terminal/);
  return { child, output };
}

async function stop(running: Running): Promise<void> {
  running.child.kill("SIGTERM");
  await running.child.status;
}

async function waitFor(output: { text: string }, pattern: RegExp, from: number): Promise<RegExpMatchArray> {
  for (let i = 0; i < 200; i++) {
    const match = output.text.slice(from).match(pattern);
    if (match) return match;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${pattern} in output`);
}

Deno.test("deno task serve survives a restart", async () => {
  const cwd = await Deno.makeTempDir();
  const { dist } = await makeSite();
  const port = 19000 + Math.floor(Math.random() * 1000);
  const origin = `http://127.0.0.1:${port}`;
  await Deno.mkdir(join(cwd, ".lodestar"));
  {
    const kv = await Deno.openKv(join(cwd, ".lodestar", "gateway.kv"));
    await setUser(kv, "rita@example.com", "reviewer");
    await setUser(kv, "erin@example.com", "executive");
    kv.close();
  }
  const post = (path: string, body: Record<string, string>, cookie = "") =>
    fetch(origin + path, {
      method: "POST",
      redirect: "manual",
      headers: { origin, "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams(body).toString(),
    });
  const cookieOf = (r: Response, name: string) =>
    r.headers.getSetCookie().find((l) => l.startsWith(`${name}=`))?.split(";")[0] ?? "";

  let server = await start(cwd, dist, port);
  const secrets = await Deno.readTextFile(join(cwd, ".lodestar", "dev-secrets.json"));
  // Rita signs in with the code printed in the terminal.
  let mark = server.output.text.length;
  const requested = await post("/auth/request", { email: "rita@example.com" });
  await requested.body?.cancel();
  const code = (await waitFor(server.output, /sign-in code is (\d{6})/, mark))[1]!;
  const verified = await post(
    "/auth/verify",
    { email: "rita@example.com", code },
    cookieOf(requested, "__Host-flow"),
  );
  await verified.body?.cancel();
  const sid = cookieOf(verified, "__Host-sid");
  assert.ok(sid);
  // Erin burns a code: the next one waits a minute.
  mark = server.output.text.length;
  const erinFlow = await post("/auth/request", { email: "erin@example.com" });
  await erinFlow.body?.cancel();
  const erinCode = (await waitFor(server.output, /sign-in code is (\d{6})/, mark))[1]!;
  const wrong = erinCode === "000000" ? "000001" : "000000";
  for (let i = 0; i < 5; i++) {
    const r = await post(
      "/auth/verify",
      { email: "erin@example.com", code: wrong },
      cookieOf(erinFlow, "__Host-flow"),
    );
    await r.body?.cancel();
  }
  await stop(server);

  server = await start(cwd, dist, port);
  assert.equal(
    await Deno.readTextFile(join(cwd, ".lodestar", "dev-secrets.json")),
    secrets,
    "secrets reused",
  );
  const page = await fetch(`${origin}/data/explorer`, { headers: { cookie: sid }, redirect: "manual" });
  assert.equal(page.status, 200, "the session survived the restart");
  assert.match(await page.text(), /Explorer/);
  mark = server.output.text.length;
  const held = await post("/auth/request", { email: "erin@example.com" });
  await held.body?.cancel();
  assert.equal(held.status, 303);
  await new Promise((r) => setTimeout(r, 300));
  assert.doesNotMatch(server.output.text.slice(mark), /sign-in code is/, "the backoff survived the restart");
  assert.match(server.output.text.slice(mark), /"reason":"backoff"/);
  await stop(server);
  await Deno.remove(cwd, { recursive: true });
  await Deno.remove(dist, { recursive: true });
});
