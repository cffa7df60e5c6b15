/**
 * Response headers every gateway answer carries (HSTS one year, nosniff, no referrer, no
 * framing), and the two cache policies: gated content `private, no-store` and content-hashed
 * shared assets cacheable, both with `Vary: Cookie`.
 */

/** CSP of the report pages: Framework inlines its page modules and styles, DuckDB-WASM needs wasm and blob workers. */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** CSP of the gateway's own sign-in pages: no script at all. */
export const AUTH_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers on every response. */
export function securityHeaders(csp: string): Headers {
  return new Headers({
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "content-security-policy": csp,
  });
}

/** Marks a response as gated: never stored by any cache, varies by session cookie. */
export function noStore(headers: Headers): Headers {
  headers.set("cache-control", "private, no-store");
  headers.set("vary", "Cookie, Accept-Encoding");
  return headers;
}

/** Marks a content-hashed, data-free asset as cacheable by the signed-in browser only. */
export function immutable(headers: Headers): Headers {
  headers.set("cache-control", "private, max-age=31536000, immutable");
  headers.set("vary", "Cookie, Accept-Encoding");
  return headers;
}

/** Types worth compressing (Parquet and images are compressed already). */
export const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".wasm", ".csv", ".svg", ".txt"]);
