/**
 * Where to go after signing in: `next` is kept only when it is a same-origin page path in the
 * manifest (`^/[A-Za-z0-9/_.-]*$`, not `//…`, canonical, a page the role may open); anything else
 * goes to the role's start page.
 */
import type { Role } from "../platform/access_policy.ts";
import { sidebarFor } from "../platform/navigation.ts";
import type { Manifest } from "./manifest.ts";
import { canonicalPath } from "./request_path.ts";

/** `next` when it is a safe page path in the manifest (and open to `role`, when given), else undefined. */
export function safeNext(next: unknown, manifest: Manifest, role?: Role): string | undefined {
  if (typeof next !== "string" || next.length > 512) return undefined;
  if (!/^\/[A-Za-z0-9/_.-]*$/.test(next) || next.startsWith("//")) return undefined;
  if (canonicalPath(next) !== next) return undefined;
  const entry = manifest.entries[next];
  if (!entry || entry.kind !== "page") return undefined;
  if (role !== undefined && !entry.roles.includes(role)) return undefined;
  return next;
}

/**
 * The first page `role` may open: the home page, else the first such page in navigation order,
 * else the first in the manifest by path; `/` when there is none.
 */
export function startPage(role: Role, manifest: Manifest): string {
  const candidates = [
    "/",
    ...sidebarFor(role).flatMap((s) => s.pages.map((p) => p.path)),
    ...Object.keys(manifest.entries).filter((k) => !k.endsWith(".html")).sort(),
  ];
  return candidates.find((path) => {
    const entry = manifest.entries[path];
    return entry?.kind === "page" && entry.roles.includes(role);
  }) ?? "/";
}
