/**
 * Per-role sidebar: Framework renders one sidebar for everyone, so the gateway removes from each
 * page the sidebar links a role may not open (by the manifest, which follows the navigation's
 * section policy) and then any section left empty. A caretaker never sees a link they cannot open.
 */
import { posix } from "node:path";
import type { Role } from "../platform/access_policy.ts";
import type { Manifest } from "./manifest.ts";

/** The URL path a relative `href` in page `pageUrl` points to, without query or fragment. */
export function resolveHref(pageUrl: string, href: string): string {
  const clean = href.replace(/[?#].*$/, "");
  if (clean.startsWith("/")) return clean;
  const base = pageUrl.endsWith("/") ? pageUrl : posix.dirname(pageUrl) + "/";
  const joined = posix.normalize(base + clean);
  return clean === "" || clean.endsWith("/") || clean === "." || clean === ".."
    ? (joined.endsWith("/") ? joined : joined + "/")
    : joined;
}

/** `html` with the sidebar's links to pages `role` may not open removed. */
export function filterSidebar(html: string, pageUrl: string, role: Role, manifest: Manifest): string {
  const start = html.indexOf('<nav id="observablehq-sidebar">');
  const end = start === -1 ? -1 : html.indexOf("</nav>", start);
  if (start === -1 || end === -1) return html;
  const allowed = (href: string) =>
    manifest.entries[resolveHref(pageUrl, href)]?.roles.includes(role) ?? false;
  let nav = html.slice(start, end);
  nav = nav.replace(
    /\n?\s*<li class="observablehq-link[^"]*"><a href="([^"]*)"[^>]*>[\s\S]*?<\/a><\/li>/g,
    (item, href: string) => allowed(decodeURI(href)) ? item : "",
  );
  nav = nav.replace(
    /\n?\s*<(details|section)[^>]*>\s*<summary>[^<]*<\/summary>\s*<ol>\s*<\/ol>\s*<\/\1>/g,
    "",
  );
  return html.slice(0, start) + nav + html.slice(end);
}

/** Adds a sign-out button (a POST form) to a page, before the footer or at the end of the body. */
export function addSignOut(html: string): string {
  const form = `<form method="post" action="/auth/logout" class="lodestar-signout" ` +
    `style="margin:1rem 0;font:14px system-ui,sans-serif"><button type="submit">Sign out</button></form>\n`;
  const at = html.lastIndexOf("<footer");
  if (at !== -1) return html.slice(0, at) + form + html.slice(at);
  const body = html.lastIndexOf("</body>");
  return body === -1 ? html + form : html.slice(0, body) + form + html.slice(body);
}
