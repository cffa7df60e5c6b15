/**
 * Email transports. The gateway sends plain-text messages through a `Mailer`: the console (local
 * use), an outbox folder (one file per message), an HTTPS email API in the style of Resend or
 * Postmark (SMTP is blocked on Deno Deploy), or a test fake. A transport throws on failure; the
 * gateway logs that and still answers the sign-in request exactly as it would otherwise.
 */
import { join } from "node:path";

/** A plain-text message. */
export interface Email {
  to: string;
  subject: string;
  text: string;
}

/** Sends email. */
export interface Mailer {
  /** A description for the start-up banner (where messages go), without secrets. */
  readonly describe: string;
  send(email: Email): Promise<void>;
}

/** Writes each message to `write` (standard output by default) between rulers. */
export function consoleMailer(write: (text: string) => void = (t) => console.log(t)): Mailer {
  return {
    describe: "printed to this terminal (console mailer)",
    send(email) {
      write(`──── email to ${email.to} ────\nSubject: ${email.subject}\n\n${email.text}\n────────────`);
      return Promise.resolve();
    },
  };
}

/** Writes each message as a text file in `dir` (created when missing). */
export function outboxMailer(dir: string, now: () => number = Date.now): Mailer {
  let n = 0;
  return {
    describe: `written as files to ${dir} (outbox mailer)`,
    async send(email) {
      await Deno.mkdir(dir, { recursive: true });
      const safe = email.to.replace(/[^a-z0-9@._-]/gi, "_");
      const name = `${new Date(now()).toISOString().replaceAll(":", "-")}-${n++}-${safe}.txt`;
      // Written under a temporary dotfile name and renamed, so a reader never sees half a message.
      const temporary = join(dir, `.${name}.tmp`);
      await Deno.writeTextFile(temporary, `To: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n`);
      await Deno.rename(temporary, join(dir, name));
    },
  };
}

/** Settings of the HTTPS email API transport. */
export interface HttpApiOptions {
  provider: "resend" | "postmark";
  apiKey: string;
  from: string;
  /** Overrides the provider's endpoint (tests point it at a local fake). */
  endpoint?: string;
  fetch?: typeof fetch;
}

/** Default endpoints of the supported providers. */
export const API_ENDPOINTS = {
  resend: "https://api.resend.com/emails",
  postmark: "https://api.postmarkapp.com/email",
} as const;

/** Sends through Resend's or Postmark's HTTPS API; throws with the status (never the key) on failure. */
export function httpApiMailer(options: HttpApiOptions): Mailer {
  const endpoint = options.endpoint ?? API_ENDPOINTS[options.provider];
  const doFetch = options.fetch ?? fetch;
  return {
    describe: `sent through the ${options.provider} API at ${new URL(endpoint).origin}`,
    async send(email) {
      const resend = options.provider === "resend";
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: "application/json",
      };
      if (resend) headers.authorization = `Bearer ${options.apiKey}`;
      else headers["x-postmark-server-token"] = options.apiKey;
      const body = resend
        ? { from: options.from, to: [email.to], subject: email.subject, text: email.text }
        : {
          From: options.from,
          To: email.to,
          Subject: email.subject,
          TextBody: email.text,
          MessageStream: "outbound",
        };
      const response = await doFetch(endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`${options.provider} API answered HTTP ${response.status}`);
    },
  };
}

/** A recording mailer for tests: optional latency and failure. */
export interface FakeMailer extends Mailer {
  sent: Email[];
  latencyMs: number;
  fail: boolean;
  /** The six-digit code in the last message to `to`, if any. */
  lastCode(to: string): string | undefined;
}

/** A fake mailer that records messages. */
export function fakeMailer(): FakeMailer {
  const fake: FakeMailer = {
    describe: "kept in memory (test mailer)",
    sent: [],
    latencyMs: 0,
    fail: false,
    async send(email) {
      if (fake.latencyMs > 0) await new Promise((r) => setTimeout(r, fake.latencyMs));
      if (fake.fail) throw new Error("fake mailer failure (HTTP 500)");
      fake.sent.push(email);
    },
    lastCode(to) {
      const last = fake.sent.filter((e) => e.to === to && /code/i.test(e.subject)).at(-1);
      return last?.text.match(/\b(\d{6})\b/)?.[1];
    },
  };
  return fake;
}

/** The sign-in code message: the code and where to type it; no link that signs in. */
export function codeEmail(to: string, code: string, origin: string, ttlMinutes: number): Email {
  return {
    to,
    subject: "Your Lodestar sign-in code",
    text: [
      `Your Lodestar sign-in code is ${code}`,
      "",
      `Type it on the sign-in page you opened (${origin}/login). It works once and expires in ${ttlMinutes} minutes.`,
      "If you did not ask for it, ignore this message; nobody can sign in without the code.",
    ].join("\n"),
  };
}

/** The notice sent after each successful sign-in. */
export function signInNotice(to: string, at: number, ip: string): Email {
  return {
    to,
    subject: "New sign-in to Lodestar",
    text: [
      `Your address signed in to Lodestar at ${new Date(at).toISOString()} from ${ip}.`,
      "If this was not you, tell your Lodestar administrator.",
    ].join("\n"),
  };
}
