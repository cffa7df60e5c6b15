/**
 * Sends one manifest file: refuses anything that is not a regular file inside the root (a symlink
 * planted after the build is refused, `lstat` does not follow it), rewrites pages for the role
 * (sidebar, sign-out button), and compresses text types with brotli or gzip when the client
 * accepts them. Bodies are kept in a bounded in-memory cache keyed by file, size, mtime, role and
 * encoding; large files that need no rewriting stream from disk. A file is served only when its
 * real path is the root's real path joined with the manifest name (no symlinked folder on the way).
 */
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Role } from "../platform/access_policy.ts";
import { TYPES } from "../platform/mime_types.ts";
import { COMPRESSIBLE, immutable, noStore, securityHeaders, SITE_CSP } from "./headers.ts";
import type { Manifest, ManifestEntry } from "./manifest.ts";
import { addSignOut, filterSidebar } from "./sidebar_filter.ts";

/** The content encoding to use for `accept` (an Accept-Encoding value): `br`, `gzip` or none. */
export function chooseEncoding(accept: string | null): "br" | "gzip" | undefined {
  if (!accept) return undefined;
  const offered = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    offered.set(name ?? "", q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (offered.get(name) ?? offered.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return undefined;
}

/** A bounded cache of prepared bodies. */
export class BodyCache {
  #map = new Map<string, Uint8Array>();
  #bytes = 0;
  constructor(readonly maxBytes = 96 * 1024 * 1024, readonly maxItem = 8 * 1024 * 1024) {}
  get(key: string): Uint8Array | undefined {
    return this.#map.get(key);
  }
  set(key: string, body: Uint8Array): void {
    if (body.length > this.maxItem) return;
    while (this.#bytes + body.length > this.maxBytes && this.#map.size > 0) {
      const [oldest, value] = this.#map.entries().next().value as [string, Uint8Array];
      this.#map.delete(oldest);
      this.#bytes -= value.length;
    }
    this.#map.set(key, body);
    this.#bytes += body.length;
  }
}

const encoder = new TextEncoder();
const roots = new Map<string, Promise<string>>();

function realRoot(root: string): Promise<string> {
  let real = roots.get(root);
  if (!real) roots.set(root, real = Deno.realPath(root));
  return real;
}

async function realPathOrNull(path: string): Promise<string | null> {
  try {
    return await Deno.realPath(path);
  } catch {
    return null;
  }
}

/** Serves `entry` from `root` to a signed-in `role`; 404 when the file is not a regular file in place. */
export async function serveFile(
  request: Request,
  root: string,
  url: string,
  entry: ManifestEntry,
  role: Role,
  manifest: Manifest,
  cache: BodyCache,
): Promise<Response> {
  const path = join(root, entry.file);
  let info: Deno.FileInfo;
  try {
    info = await Deno.lstat(path);
  } catch {
    return new Response(null, { status: 404, headers: noStore(securityHeaders(SITE_CSP)) });
  }
  if (
    !info.isFile || info.isSymlink || (await realPathOrNull(path)) !== join(await realRoot(root), entry.file)
  ) {
    return new Response(null, { status: 404, headers: noStore(securityHeaders(SITE_CSP)) });
  }
  const ext = extname(entry.file);
  const page = entry.kind === "page";
  const encoding = COMPRESSIBLE.has(ext) ? chooseEncoding(request.headers.get("accept-encoding")) : undefined;
  const key = `${entry.file}|${info.size}|${info.mtime?.getTime()}|${page ? role : ""}|${page ? url : ""}|${
    encoding ?? "identity"
  }`;
  const headers = securityHeaders(SITE_CSP);
  if (entry.kind === "asset") immutable(headers);
  else noStore(headers);
  headers.set("content-type", TYPES[ext] ?? "application/octet-stream");
  if (!page && !encoding && info.size > cache.maxItem) {
    // Large files that are sent as they are (Parquet) stream from disk instead of filling memory.
    headers.set("content-length", String(info.size));
    const stream = request.method === "HEAD" ? null : (await Deno.open(path)).readable;
    return new Response(stream, { status: 200, headers });
  }
  let body = cache.get(key);
  if (!body) {
    let raw = await Deno.readFile(path);
    if (page) {
      raw = encoder.encode(addSignOut(filterSidebar(new TextDecoder().decode(raw), url, role, manifest)));
    }
    body = encoding === "br"
      ? new Uint8Array(brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }))
      : encoding === "gzip"
      ? new Uint8Array(gzipSync(raw))
      : raw;
    cache.set(key, body);
  }
  headers.set("content-length", String(body.length));
  if (encoding) headers.set("content-encoding", encoding);
  return new Response(request.method === "HEAD" ? null : body as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers,
  });
}
