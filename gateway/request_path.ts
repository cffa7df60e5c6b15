/**
 * Canonicalises a request path once, from the raw request target (never through `URL`, which
 * would resolve dot segments before the check). The result is the string the manifest is looked
 * up with and the file is opened by. Refused: anything not starting with `/`, invalid
 * percent-encoding, an encoded `/` or `\`, NUL or control characters, `\`, empty segments (`//`),
 * `.` and `..` segments, and segments starting with `.` (dotfiles).
 */

/** The raw path of a request URL (between the authority and `?`/`#`), undecoded. */
export function rawPath(url: string): string {
  const afterScheme = url.indexOf("://");
  const start = afterScheme === -1 ? 0 : url.indexOf("/", afterScheme + 3);
  if (start === -1) return "/";
  const rest = url.slice(start);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The canonical decoded path, or undefined when the path must be refused (400). */
export function canonicalPath(raw: string): string | undefined {
  if (!raw.startsWith("/") || raw.length > 1024) return undefined;
  if (/%(2f|5c|00)/i.test(raw)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return undefined;
  const segments = path.slice(1).split("/");
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === "" && !last) return undefined;
    if (segment.startsWith(".")) return undefined;
  }
  return path;
}

/** Whether a canonical path names a page (HTML) rather than a file: no extension, `.html`, or `/`. */
export function isPagePath(path: string): boolean {
  const last = path.slice(path.lastIndexOf("/") + 1);
  return last === "" || last.endsWith(".html") || !last.includes(".");
}
