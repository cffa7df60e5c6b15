/**
 * A plain static server for the built site (`dist/`) on 127.0.0.1, used by the browser tests and
 * `deno task start`. It maps clean URLs (`/data/explorer`) to their `.html` files and serves
 * `.wasm` as `application/wasm` so DuckDB-WASM can compile while streaming. It never serves
 * outside its root.
 */
import { extname, join, normalize } from "node:path";
import { TYPES } from "./mime_types.ts";

/** Resolves a URL path to a file under `root`, or undefined when there is none. */
export async function resolveFile(root: string, pathname: string): Promise<string | undefined> {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (path.includes("\0") || path.includes("\\")) return undefined;
  const clean = normalize(path);
  if (!clean.startsWith("/") || clean.split("/").some((p) => p === ".." || p.startsWith("."))) {
    return undefined;
  }
  const candidates = clean.endsWith("/")
    ? [join(clean, "index.html")]
    : [clean, `${clean}.html`, join(clean, "index.html")];
  for (const candidate of candidates) {
    const file = join(root, candidate);
    try {
      const info = await Deno.lstat(file);
      if (info.isFile) return file;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** Starts serving `root`; `port` 0 picks a free port. */
export function serveStatic(
  root: string,
  options: { port?: number; quiet?: boolean } = {},
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({
    hostname: "127.0.0.1",
    port: options.port ?? 0,
    onListen: options.quiet
      ? () => {}
      : ({ port }) => console.error(`serving ${root} on http://127.0.0.1:${port}/`),
  }, async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed", { status: 405 });
    }
    const file = await resolveFile(root, new URL(request.url).pathname);
    if (!file) return new Response("not found", { status: 404 });
    const body = request.method === "HEAD" ? null : (await Deno.open(file)).readable;
    return new Response(body, {
      headers: { "content-type": TYPES[extname(file)] ?? "application/octet-stream" },
    });
  });
}

if (import.meta.main) {
  const root = Deno.args[0] ?? "dist";
  serveStatic(root, { port: Number(Deno.env.get("PORT") ?? 3000) });
}
