/**
 * The gateway as the load test runs it, in its own process: a built site, KV on disk, sign-in
 * emails written to an outbox folder (the load test reads the codes there), and per-IP and global
 * send limits raised because every request comes from 127.0.0.1.
 *
 *   deno run -A bench/gateway_server.ts DIST KV_PATH OUTBOX PORT
 */
import { createGateway } from "../gateway/handler.ts";
import { encodeBase64Url } from "../gateway/keyring.ts";
import { readSecrets } from "../gateway/config.ts";
import { outboxMailer } from "../gateway/mailer.ts";
import { loadManifest } from "../gateway/manifest.ts";

const [dist, kvPath, outbox, port] = Deno.args as [string, string, string, string];
const key = (seed: string) => encodeBase64Url(new TextEncoder().encode(seed.padEnd(32, "#")));
const env: Record<string, string> = {
  LODESTAR_BASE_URL: `http://127.0.0.1:${port}`,
  LODESTAR_OTP_KEYS: `bench-otp:${key("bench otp key")}`,
  LODESTAR_SESSION_KEYS: `bench-session:${key("bench session key")}`,
};
const gateway = createGateway({
  kv: await Deno.openKv(kvPath),
  dist,
  manifest: await loadManifest(dist),
  secrets: await readSecrets((name) => env[name]),
  mailer: outboxMailer(outbox),
  limits: { requestsPerIpHour: 1e9, verifiesPerIpHour: 1e9, globalSendsPerHour: 1e9 },
  log: () => {},
});
Deno.serve({
  hostname: "127.0.0.1",
  port: Number(port),
  onListen: () => console.error("listening"),
}, (request, info) => gateway.handle(request, info));
