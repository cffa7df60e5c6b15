/**
 * Cross-site request forgery check for every POST: Fetch Metadata first (`Sec-Fetch-Site` must be
 * `same-origin` when present), then the mandatory Origin fallback (`Origin`, when present, must
 * be the configured origin). A POST with neither header is refused.
 *
 * Under `Referrer-Policy: no-referrer` browsers send `Origin: null` on form posts; that value is
 * accepted only together with `Sec-Fetch-Site: same-origin`, which a page cannot forge.
 */

/** Whether a POST may change state. */
export function sameOriginPost(headers: Headers, origin: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const from = headers.get("origin");
  if (from === "null") return site === "same-origin";
  if (from !== null) return from === origin;
  return site === "same-origin";
}
