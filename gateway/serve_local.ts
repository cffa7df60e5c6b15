/**
 * `deno task serve`: the built `dist/` through the gateway on 127.0.0.1, for local use. It writes
 * the access manifest, keeps KV in `.lodestar/gateway.kv`, prints sign-in emails to this terminal
 * (console mailer), and generates development secrets into `.lodestar/dev-secrets.json` when the
 * environment does not set them. Production must set its own secrets (docs/deploy.md).
 */
import { join } from "node:path";
import { BASE_URL_ENV, OTP_KEYS_ENV, SESSION_KEYS_ENV } from "./config.ts";
import { encodeBase64Url } from "./keyring.ts";
import { consoleMailer } from "./mailer.ts";
import { writeManifest } from "./manifest.ts";
import { startGateway } from "./main.ts";

const STATE = ".lodestar";

/** Development key rings, created once per checkout. */
async function devSecrets(): Promise<Record<string, string>> {
  const path = join(STATE, "dev-secrets.json");
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch {
    const key = () => encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    const secrets = { [OTP_KEYS_ENV]: `dev1:${key()}`, [SESSION_KEYS_ENV]: `dev1:${key()}` };
    await Deno.mkdir(STATE, { recursive: true });
    await Deno.writeTextFile(path, JSON.stringify(secrets, null, 1) + "\n", { mode: 0o600 });
    console.error(`generated development secrets in ${path} — production must set its own (docs/deploy.md)`);
    return secrets;
  }
}

if (import.meta.main) {
  const dist = Deno.args[0] ?? "dist";
  const port = Number(Deno.env.get("PORT") ?? 3000);
  const dev = await devSecrets();
  const env = (name: string) =>
    Deno.env.get(name) ?? (name === BASE_URL_ENV ? `http://127.0.0.1:${port}` : dev[name]);
  await writeManifest(dist);
  await Deno.mkdir(STATE, { recursive: true });
  const kv = await Deno.openKv(join(STATE, "gateway.kv"));
  try {
    await startGateway({
      dist,
      kv,
      mailer: consoleMailer(),
      env,
      hostname: "127.0.0.1",
      port,
      onListen: ({ port }) =>
        console.error(
          `serving ${dist} through the gateway on http://127.0.0.1:${port}/\n` +
            `sign-in codes are printed in this terminal (console mailer); KV in ${STATE}/gateway.kv\n` +
            `add yourself first: npx deno task users add you@example.com executive`,
        ),
    });
  } catch (error) {
    console.error(`gateway refused to start: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
