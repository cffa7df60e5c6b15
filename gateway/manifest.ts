/**
 * The access manifest: every servable file of the built site, under the URL path(s) it answers
 * to, with the roles allowed to fetch it. It is generated after `observable build` by walking
 * `dist/` (symlinks and dotfiles are skipped) and written to `dist/.access-manifest.json`, which
 * the gateway loads at start (dotfiles are never served). Roles follow `platform/access_policy.ts`:
 *
 * - pages (`*.html`): by their navigation section; the URL keys are the clean URL
 *   (`/data/explorer`, `/data/` for `data/index.html`) and the `.html` name;
 * - data files (`_file/…`): Framework names them `_file/<source dir>/<name>.<8 hex>.<ext>`; the
 *   source path is that name with the hash removed (`data/lodestar/x.parquet`), and each page's
 *   `registerFile(…, {"path": …})` calls say which pages reference it; the data-file rule then
 *   gives the roles;
 * - `_observablehq/`, `_npm/`, `_import/`, `_duckdb/`: every role, cacheable (content-hashed or
 *   versioned, no data) — except Framework's search index (`_observablehq/minisearch.json`), which
 *   holds every page's text and is served to nobody;
 * - anything else: no role (never served).
 */
import { join, posix, relative } from "node:path";
import {
  dataFileKind,
  dataFileRoles,
  type Role,
  ROLES,
  SHARED_ASSET_PREFIXES,
} from "../platform/access_policy.ts";
import { rolesForPage } from "../platform/navigation.ts";

/** One servable file. */
export interface ManifestEntry {
  /** Path under `dist/`, with `/` separators. */
  file: string;
  roles: Role[];
  kind: "page" | "asset" | "data" | "other";
  /** Data files also say which rule applied. */
  dataKind?: "member" | "financial" | "aggregate";
  /** For data files: the source path the hashed name came from. */
  source?: string;
}

/** URL path → entry. */
export interface Manifest {
  version: 1;
  entries: Record<string, ManifestEntry>;
}

/** Framework's full-text search index: the text of every page, so never a shared asset. */
const SEARCH_INDEX = /^_observablehq\/minisearch(\.[0-9a-f]{8})?\.json$/;

/** The manifest's file name inside `dist/`. */
export const MANIFEST_FILE = ".access-manifest.json";

/** The source path of a Framework `_file/` output: `_file/a/b.0123abcd.parquet` → `a/b.parquet`. */
export function sourceOfHashed(file: string): string {
  const inner = file.replace(/^_file\//, "");
  return inner.replace(/\.[0-9a-f]{8}(\.[^./]+)$/, "$1");
}

/** `_file/` paths each page references through `registerFile`, resolved against the page. */
export function referencedFiles(html: string, page: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/registerFile\("(?:[^"\\]|\\.)*", (\{[^\n]*?\})\);/g)) {
    try {
      const info = JSON.parse(match[1]!) as { path?: unknown };
      if (typeof info.path !== "string") continue;
      const resolved = posix.normalize(posix.join(posix.dirname(page), info.path));
      if (resolved.startsWith("_file/")) found.push(resolved);
    } catch {
      // not a registerFile call Framework wrote; ignore
    }
  }
  return found;
}

async function walk(root: string, dir = root, out: string[] = []): Promise<string[]> {
  for await (const entry of Deno.readDir(dir)) {
    if (entry.name.startsWith(".") || entry.isSymlink) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory) await walk(root, path, out);
    else if (entry.isFile) out.push(relative(root, path).split("\\").join("/"));
  }
  return out;
}

/** URL paths a page file answers to. */
export function pageUrls(file: string): string[] {
  const urls = [`/${file}`];
  if (file === "index.html") urls.push("/");
  else if (file.endsWith("/index.html")) urls.push(`/${file.slice(0, -"index.html".length)}`);
  else urls.push(`/${file.slice(0, -".html".length)}`);
  return urls;
}

/**
 * Builds the manifest of the site in `dist`. `rolesOfPage` maps a page's path to its roles (the
 * navigation's section policy by default; tests pass a fixture's).
 */
export async function buildManifest(
  dist: string,
  rolesOfPage: (path: string) => Role[] = rolesForPage,
): Promise<Manifest> {
  const files = (await walk(dist)).sort();
  const entries: Record<string, ManifestEntry> = {};
  const referencedBy = new Map<string, Set<Role>>();
  for (const file of files.filter((f) => f.endsWith(".html"))) {
    const roles = rolesOfPage(`/${file}`);
    const entry: ManifestEntry = { file, roles, kind: "page" };
    for (const url of pageUrls(file)) entries[url] = entry;
    const html = await Deno.readTextFile(join(dist, file));
    for (const ref of referencedFiles(html, file)) {
      const set = referencedBy.get(ref) ?? new Set<Role>();
      for (const role of roles) set.add(role);
      referencedBy.set(ref, set);
    }
  }
  for (const file of files.filter((f) => !f.endsWith(".html"))) {
    const url = `/${file}`;
    if (SEARCH_INDEX.test(file)) {
      entries[url] = { file, roles: [], kind: "other" };
    } else if (SHARED_ASSET_PREFIXES.some((p) => url.startsWith(p))) {
      entries[url] = { file, roles: [...ROLES], kind: "asset" };
    } else if (file.startsWith("_file/")) {
      const source = sourceOfHashed(file);
      const roles = dataFileRoles(source, referencedBy.get(file) ?? []);
      entries[url] = { file, roles, kind: "data", dataKind: dataFileKind(source), source };
    } else {
      entries[url] = { file, roles: [], kind: "other" };
    }
  }
  return { version: 1, entries };
}

/** Builds and writes `dist/.access-manifest.json`; returns the manifest. */
export async function writeManifest(
  dist: string,
  rolesOfPage: (path: string) => Role[] = rolesForPage,
): Promise<Manifest> {
  const manifest = await buildManifest(dist, rolesOfPage);
  await Deno.writeTextFile(join(dist, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + "\n");
  return manifest;
}

/** Loads `dist/.access-manifest.json`; throws with a hint when it is missing or malformed. */
export async function loadManifest(dist: string): Promise<Manifest> {
  const path = join(dist, MANIFEST_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    throw new Error(`Cannot read ${path}: run \`deno task manifest\` after building the site`);
  }
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.version !== 1 || typeof manifest.entries !== "object") {
    throw new Error(`${path} is not an access manifest (version ${String(manifest.version)})`);
  }
  return manifest;
}

if (import.meta.main) {
  const dist = Deno.args[0] ?? "dist";
  const manifest = await writeManifest(dist);
  const files = new Set(Object.values(manifest.entries).map((e) => e.file));
  console.error(`wrote ${join(dist, MANIFEST_FILE)}: ${files.size} files`);
}
