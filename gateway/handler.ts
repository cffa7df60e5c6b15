/**
 * The gateway: one request handler, deny by default. Sign-in routes (`/login`, `/login/code`,
 * `POST /auth/request|verify|logout`) and, for everything else, the site from `dist/` by the
 * access manifest: canonicalise the raw path once, refuse what is malformed (400) or not GET/HEAD
 * (405), send people without a session to the sign-in page (pages) or answer 401 (files), answer
 * 404 for paths not in the manifest and 403 for roles not allowed, then serve the manifest's file.
 */
import { roleOf } from "./allowlist.ts";
import { answerAssistant, type AssistantOptions } from "./assistant.ts";
import type { Audit } from "./audit.ts";
import { kvAudit } from "./audit.ts";
import { isTokenShaped, randomToken, type RandomWords } from "./code.ts";
import { DEFAULT_LIMITS, type Limits, type Secrets } from "./config.ts";
import { sameOriginPost } from "./csrf.ts";
import { normaliseEmail } from "./email_address.ts";
import { AUTH_CSP, noStore, securityHeaders, SITE_CSP } from "./headers.ts";
import { hitIpLimit } from "./ip_limit.ts";
import { failuresOf, requestCode, verifyCode } from "./login.ts";
import { codeEmail, type Mailer, signInNotice } from "./mailer.ts";
import type { Manifest } from "./manifest.ts";
import { safeNext, startPage } from "./next_path.ts";
import { codePage, forbiddenPage, LOGIN_CSS, loginPage } from "./auth_pages.ts";
import { canonicalPath, isPagePath, rawPath } from "./request_path.ts";
import { BodyCache, serveFile } from "./serve_file.ts";
import {
  clearCookie,
  cookie,
  deleteSession,
  findSession,
  FLOW_COOKIE,
  readCookie,
  SESSION_COOKIE,
} from "./sessions.ts";

/** What the gateway needs; clock, randomness, log sink and audit are injectable for tests. */
export interface GatewayOptions {
  kv: Deno.Kv;
  dist: string;
  manifest: Manifest;
  secrets: Secrets;
  mailer: Mailer;
  limits?: Partial<Limits>;
  now?: () => number;
  random?: RandomWords;
  /** Where log and audit lines go (standard error by default). */
  log?: (line: string) => void;
  audit?: Audit;
  /** The caretaker assistant (`POST /api/assistant`); absent, the path answers 404. */
  assistant?: AssistantOptions;
}

/** A running gateway's request handler. */
export interface Gateway {
  handle(request: Request, info: { remoteAddr: Deno.NetAddr | Deno.Addr }): Promise<Response>;
  /** Resolves when every email queued so far has been handed to the mailer (or failed). */
  settled(): Promise<void>;
  limits: Limits;
}

const MAX_BODY = 4096;

/** Reads a small form or JSON object body; undefined when too large, malformed or not an object. */
export async function readFields(request: Request): Promise<Record<string, unknown> | undefined> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY) return undefined;
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_BODY) {
        await reader.cancel();
        return undefined;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  const text = new TextDecoder().decode(bytes);
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === "object" && value !== null && !Array.isArray(value)
        ? value as Record<string, unknown>
        : undefined;
    } catch {
      return undefined;
    }
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  return undefined;
}

async function flowKey(flow: string): Promise<Deno.KvKey> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(flow)));
  return ["flow", Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")];
}

function html(body: string, status = 200, extra: Record<string, string> = {}): Response {
  const headers = noStore(securityHeaders(AUTH_CSP));
  headers.set("content-type", "text/html; charset=utf-8");
  for (const [k, v] of Object.entries(extra)) headers.append(k, v);
  return new Response(body, { status, headers });
}

function redirect(location: string, status = 303, cookies: string[] = [], csp = AUTH_CSP): Response {
  const headers = noStore(securityHeaders(csp));
  headers.set("location", location);
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status, headers });
}

function empty(status: number, extra: Record<string, string> = {}, csp = AUTH_CSP): Response {
  const headers = noStore(securityHeaders(csp));
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(null, { status, headers });
}

/** Creates the gateway. */
export function createGateway(options: GatewayOptions): Gateway {
  const { kv, manifest, secrets, mailer } = options;
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const audit = options.audit ?? kvAudit(kv, now, log);
  const cache = new BodyCache();
  const pending = new Set<Promise<void>>();
  const rings = { otp: secrets.otpKeys, session: secrets.sessionKeys };

  function queue(send: () => Promise<void>, to: string, ip: string): void {
    // Mail goes out after the answer, so the answer's time does not depend on the mailer.
    const task = (async () => {
      await Promise.resolve();
      try {
        await send();
      } catch (error) {
        await audit.record("mailer_error", {
          email: to,
          ip,
          error: String(error instanceof Error ? error.message : error),
        });
      }
    })();
    pending.add(task);
    task.finally(() => pending.delete(task));
  }

  /** Audits and refuses (403) a POST to `path` that is not same-origin; undefined when it is. */
  async function refuseCrossSite(
    request: Request,
    ip: string,
    path: string,
    csp = AUTH_CSP,
  ): Promise<Response | undefined> {
    if (sameOriginPost(request.headers, secrets.origin)) return undefined;
    await audit.record("csrf_refused", { ip, path });
    return empty(403, {}, csp);
  }

  /** Counts one `kind` hit for `ip`; audits and refuses (429) it over `perHour`, else undefined. */
  async function refuseOverIpLimit(
    kind: "request" | "verify",
    ip: string,
    perHour: number,
  ): Promise<Response | undefined> {
    const limit = await hitIpLimit(kv, kind, ip, perHour, now());
    if (limit.ok) return undefined;
    await audit.record("ip_limited", { ip, kind });
    return empty(429, { "retry-after": String(limit.retryAfterS) });
  }

  async function onRequest(request: Request, ip: string): Promise<Response> {
    const crossSite = await refuseCrossSite(request, ip, "/auth/request");
    if (crossSite) return crossSite;
    const fields = await readFields(request) ?? {};
    const overLimit = await refuseOverIpLimit("request", ip, limits.requestsPerIpHour);
    if (overLimit) return overLimit;
    const existing = readCookie(request.headers.get("cookie"), FLOW_COOKIE);
    const flow = isTokenShaped(existing) ? existing : randomToken(32);
    const next = safeNext(fields.next, manifest) ?? "/";
    const email = normaliseEmail(fields.email);
    if (!email) return html(loginPage(next, "Enter a valid email address."), 400);
    const known = (await roleOf(kv, email)) !== undefined;
    const at = now();
    const outcome = await requestCode(kv, secrets.otpKeys, limits, {
      email,
      flow,
      known,
      now: at,
      random: options.random,
    });
    await kv.set(await flowKey(flow), { email, expiresAt: at + limits.codeTtlMs }, {
      expireIn: limits.codeTtlMs + 60_000,
    });
    await audit.record("code_requested", {
      email,
      ip,
      known,
      issued: outcome.issued,
      reason: outcome.issued ? undefined : outcome.reason,
    });
    if (outcome.issued && known) {
      const message = codeEmail(email, outcome.code, secrets.origin, Math.round(limits.codeTtlMs / 60_000));
      queue(() => mailer.send(message), email, ip);
    }
    return redirect(`/login/code?next=${encodeURIComponent(next)}`, 303, [cookie(FLOW_COOKIE, flow)]);
  }

  async function onVerify(request: Request, ip: string): Promise<Response> {
    const crossSite = await refuseCrossSite(request, ip, "/auth/verify");
    if (crossSite) return crossSite;
    const fields = await readFields(request) ?? {};
    const overLimit = await refuseOverIpLimit("verify", ip, limits.verifiesPerIpHour);
    if (overLimit) return overLimit;
    const next = safeNext(fields.next, manifest) ?? "/";
    const email = normaliseEmail(fields.email);
    const flowValue = readCookie(request.headers.get("cookie"), FLOW_COOKIE);
    const flow = isTokenShaped(flowValue) ? flowValue : undefined;
    if (!email) return html(codePage("", next, "That code did not work. Ask for a new code."), 401);
    const at = now();
    const outcome = await verifyCode(kv, rings, limits, {
      email,
      flow,
      code: fields.code,
      now: at,
      role: () => roleOf(kv, email),
    });
    if (!outcome.ok) {
      await audit.record("login_failed", { email, ip, reason: outcome.reason });
      if (outcome.reason === "wrong" && (await failuresOf(kv, email)) >= limits.hardStopFailures) {
        await audit.record("lockout", { email, ip, failures: limits.hardStopFailures });
      }
      const message = outcome.reason === "wrong" || outcome.reason === "not-allowed"
        ? "That code did not work. Check it and try again."
        : "That code can no longer be used. Ask for a new code.";
      return html(codePage(email, next, message), 401);
    }
    const previous = await findSession(
      kv,
      rings.session,
      readCookie(request.headers.get("cookie"), SESSION_COOKIE),
      at,
      limits,
    );
    if (previous) await deleteSession(kv, previous.key, previous.email);
    if (flow) await kv.delete(await flowKey(flow));
    const { session } = outcome;
    await audit.record("login", { email, ip, role: session.record.role });
    queue(() => mailer.send(signInNotice(email, at, ip)), email, ip);
    const target = safeNext(fields.next, manifest, session.record.role) ??
      startPage(session.record.role, manifest);
    return redirect(target, 303, [cookie(SESSION_COOKIE, session.id), clearCookie(FLOW_COOKIE)]);
  }

  async function onLogout(request: Request, ip: string): Promise<Response> {
    const crossSite = await refuseCrossSite(request, ip, "/auth/logout");
    if (crossSite) return crossSite;
    await request.body?.cancel();
    const session = await findSession(
      kv,
      rings.session,
      readCookie(request.headers.get("cookie"), SESSION_COOKIE),
      now(),
      limits,
    );
    if (session) {
      await deleteSession(kv, session.key, session.email);
      await audit.record("logout", { email: session.email, ip });
    }
    return redirect("/login", 303, [clearCookie(SESSION_COOKIE)]);
  }

  async function onCodePage(request: Request, url: URL): Promise<Response> {
    const next = safeNext(url.searchParams.get("next"), manifest) ?? "/";
    const flow = readCookie(request.headers.get("cookie"), FLOW_COOKIE);
    const record = isTokenShaped(flow)
      ? (await kv.get<{ email: string; expiresAt: number }>(await flowKey(flow))).value
      : null;
    if (!record || record.expiresAt <= now()) return redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return html(codePage(record.email, next));
  }

  async function onSite(request: Request, raw: string): Promise<Response> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return empty(405, { allow: "GET, HEAD" }, SITE_CSP);
    }
    const path = canonicalPath(raw);
    if (path === undefined) return empty(400, {}, SITE_CSP);
    const session = await findSession(
      kv,
      rings.session,
      readCookie(request.headers.get("cookie"), SESSION_COOKIE),
      now(),
      limits,
    );
    if (!session) {
      if (!isPagePath(path)) return empty(401, {}, SITE_CSP);
      const next = safeNext(path, manifest);
      return redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login", 302);
    }
    const entry = manifest.entries[path];
    if (!entry) return empty(404, {}, SITE_CSP);
    if (!entry.roles.includes(session.role)) {
      return entry.kind === "page"
        ? html(forbiddenPage(startPage(session.role, manifest)), 403)
        : empty(403, {}, SITE_CSP);
    }
    return await serveFile(request, options.dist, path, entry, session.role, manifest, cache);
  }

  async function onAssistant(request: Request, ip: string): Promise<Response> {
    const assistant = options.assistant;
    if (!assistant) return empty(404, {}, SITE_CSP);
    if (request.method !== "POST") return empty(405, { allow: "POST" }, SITE_CSP);
    const crossSite = await refuseCrossSite(request, ip, "/api/assistant", SITE_CSP);
    if (crossSite) return crossSite;
    const session = await findSession(
      kv,
      rings.session,
      readCookie(request.headers.get("cookie"), SESSION_COOKIE),
      now(),
      limits,
    );
    if (!session) return empty(401, {}, SITE_CSP);
    if (session.role !== "caretaker") {
      await audit.record("assistant_refused", { email: session.email, ip, role: session.role });
      return empty(403, {}, SITE_CSP);
    }
    const result = await answerAssistant(assistant, {
      kv,
      audit,
      email: session.email,
      ip,
      now: now(),
      fields: await readFields(request),
    });
    const headers = noStore(securityHeaders(SITE_CSP));
    headers.set("content-type", "application/json; charset=utf-8");
    if (result.retryAfterS !== undefined) headers.set("retry-after", String(result.retryAfterS));
    return new Response(JSON.stringify(result.body), { status: result.status, headers });
  }

  async function route(request: Request, ip: string): Promise<Response> {
    const raw = rawPath(request.url);
    const method = request.method;
    const read = method === "GET" || method === "HEAD";
    switch (raw) {
      case "/login": {
        if (!read) return empty(405, { allow: "GET, HEAD" });
        const next = safeNext(new URL(request.url).searchParams.get("next"), manifest) ?? "/";
        return html(loginPage(next));
      }
      case "/login/code":
        return read ? await onCodePage(request, new URL(request.url)) : empty(405, { allow: "GET, HEAD" });
      case "/auth/login.css": {
        if (!read) return empty(405, { allow: "GET, HEAD" });
        const headers = securityHeaders(AUTH_CSP);
        headers.set("content-type", "text/css; charset=utf-8");
        headers.set("cache-control", "public, max-age=3600");
        return new Response(LOGIN_CSS, { headers });
      }
      case "/auth/request":
        return method === "POST" ? await onRequest(request, ip) : empty(405, { allow: "POST" });
      case "/auth/verify":
        return method === "POST" ? await onVerify(request, ip) : empty(405, { allow: "POST" });
      case "/auth/logout":
        return method === "POST" ? await onLogout(request, ip) : empty(405, { allow: "POST" });
      case "/api/assistant":
        return await onAssistant(request, ip);
      default:
        return await onSite(request, raw);
    }
  }

  return {
    limits,
    async handle(request, info) {
      const ip = "hostname" in info.remoteAddr ? info.remoteAddr.hostname : "unknown";
      try {
        return await route(request, ip);
      } catch (error) {
        log(JSON.stringify({ at: new Date(now()).toISOString(), event: "error", error: String(error) }));
        return empty(500);
      }
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
