/**
 * The gateway's entry point for deployment (Deno Deploy or any Deno host): secrets, origin and
 * email API settings from the environment, the platform's KV database, the access manifest from
 * the built site, then `Deno.serve`. It refuses to start when a secret is missing or short.
 *
 * Environment: LODESTAR_BASE_URL, LODESTAR_OTP_KEYS, LODESTAR_SESSION_KEYS (see docs/deploy.md),
 * LODESTAR_EMAIL_PROVIDER (`resend` | `postmark`), LODESTAR_EMAIL_API_KEY, LODESTAR_EMAIL_FROM,
 * LODESTAR_DIST (default `dist`), PORT; for the caretaker assistant (docs/recommendations.md)
 * LODESTAR_GEMINI_API_KEY, LODESTAR_GEMINI_MODEL, LODESTAR_ASSISTANT_PER_HOUR.
 */
import { assistantFromEnv } from "./assistant.ts";
import { readSecrets } from "./config.ts";
import { createGateway, type Gateway } from "./handler.ts";
import { httpApiMailer, type Mailer } from "./mailer.ts";
import { loadManifest } from "./manifest.ts";

/** Options of `startGateway`. */
export interface StartOptions {
  dist: string;
  kv: Deno.Kv;
  mailer: Mailer;
  env: (name: string) => string | undefined;
  hostname?: string;
  port?: number;
  onListen?: (addr: Deno.NetAddr) => void;
}

/** Reads secrets and the manifest, then serves; throws before listening when anything is missing. */
export async function startGateway(
  options: StartOptions,
): Promise<{ server: Deno.HttpServer<Deno.NetAddr>; gateway: Gateway }> {
  const secrets = await readSecrets(options.env);
  const manifest = await loadManifest(options.dist);
  const gateway = createGateway({
    kv: options.kv,
    dist: options.dist,
    manifest,
    secrets,
    mailer: options.mailer,
    assistant: await assistantFromEnv(options.env, new Date().toISOString().slice(0, 10)),
  });
  const server = Deno.serve({
    hostname: options.hostname,
    port: options.port ?? 8000,
    onListen: options.onListen ?? (() => {}),
  }, (request, info) => gateway.handle(request, info));
  return { server, gateway };
}

/** The HTTPS email API transport configured from the environment. */
export function mailerFromEnv(env: (name: string) => string | undefined): Mailer {
  const provider = env("LODESTAR_EMAIL_PROVIDER");
  const apiKey = env("LODESTAR_EMAIL_API_KEY");
  const from = env("LODESTAR_EMAIL_FROM");
  if (provider !== "resend" && provider !== "postmark") {
    throw new Error(
      `LODESTAR_EMAIL_PROVIDER must be "resend" or "postmark" (got ${JSON.stringify(provider)})`,
    );
  }
  if (!apiKey) throw new Error("LODESTAR_EMAIL_API_KEY is not set");
  if (!from) throw new Error("LODESTAR_EMAIL_FROM is not set (the sender address)");
  return httpApiMailer({ provider, apiKey, from });
}

if (import.meta.main) {
  const env = (name: string) => Deno.env.get(name);
  try {
    await startGateway({
      dist: env("LODESTAR_DIST") ?? "dist",
      kv: await Deno.openKv(),
      mailer: mailerFromEnv(env),
      env,
      port: Number(env("PORT") ?? 8000),
      onListen: ({ hostname, port }) => console.error(`gateway listening on ${hostname}:${port}`),
    });
  } catch (error) {
    console.error(`gateway refused to start: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
