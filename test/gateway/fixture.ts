/**
 * A tiny built site in Framework's layout and a gateway over it, for the gateway tests: pages in
 * four sections, shared assets, hashed data files of each kind, a fake mailer, an injected clock
 * and in-memory (or on-disk) KV.
 */
import { dirname, join } from "node:path";
import { pagePathKey } from "../../platform/navigation.ts";
import { OVERVIEW, pageRoles, type Role } from "../../platform/access_policy.ts";
import { setUser } from "../../gateway/allowlist.ts";
import { DEFAULT_LIMITS, type Limits, type Secrets } from "../../gateway/config.ts";
import type { AssistantOptions } from "../../gateway/assistant.ts";
import { createGateway, type Gateway } from "../../gateway/handler.ts";
import { encodeBase64Url, parseKeyRing } from "../../gateway/keyring.ts";
import { type FakeMailer, fakeMailer } from "../../gateway/mailer.ts";
import { buildManifest, type Manifest, writeManifest } from "../../gateway/manifest.ts";

/** Fixture sections by first path segment. */
const SECTION_OF: Record<string, string> = {
  care: "Care Management",
  exec: "Star Ratings",
  stars: "Star Ratings",
  methodology: "Methodology",
  data: "Data",
};

/** The fixture's page policy: the real rules over the fixture's sections. */
export function fixtureRoles(path: string): Role[] {
  const key = pagePathKey(path);
  if (key === "/") return pageRoles(OVERVIEW, key);
  if (key === "/404") return [];
  return pageRoles(SECTION_OF[key.split("/")[1] ?? ""], key);
}

const SIDEBAR = `<nav id="observablehq-sidebar">
  <ol>
    <li class="observablehq-link"><a href="ROOT">Lodestar</a></li>
  </ol>
  <details open>
    <summary>Care Management</summary>
    <ol>
    <li class="observablehq-link"><a href="ROOTcare/gaps">Gaps</a></li>
    <li class="observablehq-link"><a href="ROOTcare/member_list">Members</a></li>
    </ol>
  </details>
  <details open>
    <summary>Star Ratings</summary>
    <ol>
    <li class="observablehq-link"><a href="ROOTstars/measures">Measures</a></li>
    <li class="observablehq-link"><a href="ROOTexec/roi">ROI</a></li>
    </ol>
  </details>
  <details open>
    <summary>Data</summary>
    <ol>
    <li class="observablehq-link"><a href="ROOTdata/explorer">Explorer</a></li>
    </ol>
  </details>
  <details open>
    <summary>Methodology</summary>
    <ol>
    <li class="observablehq-link"><a href="ROOTmethodology/">Methodology</a></li>
    </ol>
  </details>
</nav>`;

function page(file: string, title: string, files: Record<string, string> = {}): string {
  const depth = file.split("/").length - 1;
  const root = depth === 0 ? "./" : "../".repeat(depth);
  const registrations = Object.entries(files).map(([name, path]) =>
    `\nregisterFile(${JSON.stringify(name)}, ${
      JSON.stringify({
        name,
        mimeType: "application/vnd.apache.parquet",
        path: root + path,
        lastModified: 0,
        size: 8,
      })
    });`
  ).join("");
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${title}</title>
<script type="module">
import {registerFile} from "${root}_observablehq/client.0123abcd.js";${registrations}
</script></head>
<body>
${SIDEBAR.replaceAll("ROOT", root)}
<main id="observablehq-main"><h1>${title}</h1><p>${"secret words of " + title + " ".repeat(20)}</p></main>
<footer id="observablehq-footer">Lodestar</footer>
</body></html>
`;
}

/** Files of the fixture site (path under dist → contents). */
export const SITE: Record<string, string> = {
  "index.html": page("index.html", "Overview"),
  "404.html": page("404.html", "Not found"),
  "care/gaps.html": page("care/gaps.html", "Care gaps", {
    "./data/lodestar/member_gaps.parquet": "_file/data/lodestar/member_gaps.0a1b2c3d.parquet",
    "./data/lodestar/gap_rates.parquet": "_file/data/lodestar/gap_rates.1a1b2c3d.parquet",
  }),
  "care/member_list.html": page("care/member_list.html", "Member list"),
  "stars/measures.html": page("stars/measures.html", "Star measures", {
    "./data/lodestar/star_summary.parquet": "_file/data/lodestar/star_summary.2a1b2c3d.parquet",
  }),
  "exec/roi.html": page("exec/roi.html", "ROI", {
    "./data/lodestar/qbp_roi.parquet": "_file/data/lodestar/qbp_roi.3a1b2c3d.parquet",
    "./data/lodestar/star_summary.parquet": "_file/data/lodestar/star_summary.2a1b2c3d.parquet",
  }),
  "exec/roi.js": "export const secret = 'roi module';\n",
  "methodology/index.html": page("methodology/index.html", "Methodology"),
  "data/explorer.html": page("data/explorer.html", "Explorer", {
    "./data/lodestar/data_overview_monthly.parquet":
      "_file/data/lodestar/data_overview_monthly.4a1b2c3d.parquet",
  }),
  "_observablehq/client.0123abcd.js": `export function registerFile() {}\n${
    "// shared client code\n".repeat(200)
  }`,
  "_observablehq/theme.0123abcd.css": "body { color: black; }\n",
  "_observablehq/minisearch.json": '{"documentIds":{"0":"/exec/roi"}}\n',
  "_npm/d3@7.9.0/_esm.js": "export const d3 = 1;\n",
  "_import/components/tables.0123abcd.js": "export const tables = 1;\n",
  "_file/data/lodestar/member_gaps.0a1b2c3d.parquet": "PAR1member-level rows PAR1",
  "_file/data/lodestar/gap_rates.1a1b2c3d.parquet": "PAR1gap rates PAR1",
  "_file/data/lodestar/star_summary.2a1b2c3d.parquet": "PAR1star summary PAR1",
  "_file/data/lodestar/qbp_roi.3a1b2c3d.parquet": "PAR1financial projections PAR1",
  "_file/data/lodestar/data_overview_monthly.4a1b2c3d.parquet": "PAR1monthly aggregates PAR1",
  "_file/data/lodestar/orphan_rates.5a1b2c3d.parquet": "PAR1unreferenced aggregate PAR1",
  ".env": "SECRET=1\n",
};

/** Writes the fixture site into a new temporary folder, with its manifest; returns the folder. */
export async function makeSite(): Promise<{ dist: string; manifest: Manifest }> {
  const dist = await Deno.makeTempDir({ prefix: "lodestar-gateway-" });
  for (const [file, text] of Object.entries(SITE)) {
    await Deno.mkdir(join(dist, dirname(file)), { recursive: true });
    await Deno.writeTextFile(join(dist, file), text);
  }
  const manifest = await writeManifest(dist, fixtureRoles);
  return { dist, manifest };
}

/** The manifest of an existing fixture folder (without writing it). */
export function fixtureManifest(dist: string): Promise<Manifest> {
  return buildManifest(dist, fixtureRoles);
}

/** A 32-byte test key ring value `kid:base64url`. */
export function ringValue(...kids: string[]): string {
  return kids.map((kid) => `${kid}:${encodeBase64Url(new TextEncoder().encode(kid.padEnd(32, "k")))}`).join(
    ",",
  );
}

/** Test secrets with the given key ids (newest first). */
export async function testSecrets(origin: string, otp = ["o1"], session = ["s1"]): Promise<Secrets> {
  return {
    origin,
    otpKeys: await parseKeyRing("LODESTAR_OTP_KEYS", ringValue(...otp)),
    sessionKeys: await parseKeyRing("LODESTAR_SESSION_KEYS", ringValue(...session)),
  };
}

/** Test users on the allowlist. */
export const USERS: Record<Role, string> = {
  executive: "erin@example.com",
  caretaker: "carl@example.com",
  reviewer: "rita@example.com",
};

/** Everything a gateway test needs. */
export interface Harness {
  gateway: Gateway;
  kv: Deno.Kv;
  mailer: FakeMailer;
  clock: { now: number };
  logs: string[];
  origin: string;
  dist: string;
  manifest: Manifest;
  /** Calls the handler directly with a request for `path` from `ip`. */
  fetch(path: string, init?: RequestInit & { ip?: string }): Promise<Response>;
  /** POSTs a same-origin form. */
  post(path: string, fields: Record<string, string>, cookies?: string, ip?: string): Promise<Response>;
  /** Requests a code for `email`; returns the flow cookie value set. */
  requestCode(email: string, flow?: string): Promise<string>;
  /** Signs in `email` end to end; returns the session cookie value. */
  login(email: string): Promise<string>;
  close(): Promise<void>;
}

/** The value of `name` in a response's Set-Cookie headers. */
export function setCookieValue(response: Response, name: string): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    if (line.startsWith(`${name}=`)) return line.slice(name.length + 1).split(";")[0];
  }
  return undefined;
}

/** Creates a harness over a fresh fixture site. */
export async function harness(
  options: {
    kv?: Deno.Kv;
    limits?: Partial<Limits>;
    otp?: string[];
    session?: string[];
    site?: { dist: string; manifest: Manifest };
    assistant?: AssistantOptions;
  } = {},
): Promise<Harness> {
  const origin = "https://reports.example";
  const { dist, manifest } = options.site ?? await makeSite();
  const kv = options.kv ?? await Deno.openKv(":memory:");
  for (const [role, email] of Object.entries(USERS)) await setUser(kv, email, role);
  const mailer = fakeMailer();
  const clock = { now: Date.UTC(2026, 0, 5, 9) };
  const logs: string[] = [];
  const gateway = createGateway({
    kv,
    dist,
    manifest,
    secrets: await testSecrets(origin, options.otp, options.session),
    mailer,
    // Per-IP limits are raised unless a test sets them: most tests send many requests from one address.
    limits: { ...DEFAULT_LIMITS, requestsPerIpHour: 10_000, verifiesPerIpHour: 10_000, ...options.limits },
    now: () => clock.now,
    log: (line) => logs.push(line),
    assistant: options.assistant,
  });
  const h: Harness = {
    gateway,
    kv,
    mailer,
    clock,
    logs,
    origin,
    dist,
    manifest,
    fetch(path, init = {}) {
      const { ip = "203.0.113.7", ...rest } = init;
      return gateway.handle(new Request(origin + path, rest), {
        remoteAddr: { transport: "tcp", hostname: ip, port: 40000 },
      });
    },
    post(path, fields, cookies, ip) {
      const headers: Record<string, string> = {
        origin,
        "sec-fetch-site": "same-origin",
        "content-type": "application/x-www-form-urlencoded",
      };
      if (cookies) headers.cookie = cookies;
      return h.fetch(path, { method: "POST", headers, body: new URLSearchParams(fields).toString(), ip });
    },
    async requestCode(email, flow) {
      const response = await h.post("/auth/request", { email }, flow ? `__Host-flow=${flow}` : undefined);
      await response.body?.cancel();
      if (response.status !== 303) throw new Error(`request code: HTTP ${response.status}`);
      await gateway.settled();
      return setCookieValue(response, "__Host-flow")!;
    },
    async login(email) {
      const flow = await h.requestCode(email);
      const code = mailer.lastCode(email);
      if (!code) throw new Error(`no code mailed to ${email}`);
      const response = await h.post("/auth/verify", { email, code }, `__Host-flow=${flow}`);
      await response.body?.cancel();
      const sid = setCookieValue(response, "__Host-sid");
      if (response.status !== 303 || !sid) throw new Error(`verify: HTTP ${response.status}`);
      await gateway.settled();
      return sid;
    },
    async close() {
      await gateway.settled();
      kv.close();
      await Deno.remove(dist, { recursive: true });
    },
  };
  return h;
}
