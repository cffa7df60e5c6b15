/**
 * Redirects after sign-in go only to same-origin manifest pages, and every POST passes the
 * Fetch Metadata + Origin check (reference tests T34, T35).
 */
import assert from "node:assert/strict";
import { sameOriginPost } from "../../gateway/csrf.ts";
import { safeNext } from "../../gateway/next_path.ts";
import { harness, setCookieValue, USERS } from "./fixture.ts";

Deno.test("safeNext()", async (t) => {
  const h = await harness();
  await t.step("T34: hostile or unknown targets fall back; a manifest page is kept", () => {
    const hostile = [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/%2F%2Fevil.example",
      "javascript:alert(1)",
      "\t//evil.example",
      "/login?next=https://evil.example",
      "/no/such/page",
      "/care/../exec/roi",
      "/_file/data/lodestar/gap_rates.1a1b2c3d.parquet",
      "",
      42,
    ];
    for (const next of hostile) assert.equal(safeNext(next, h.manifest), undefined, String(next));
    assert.equal(safeNext("/care/gaps", h.manifest), "/care/gaps");
    assert.equal(safeNext("/care/gaps", h.manifest, "caretaker"), "/care/gaps");
    assert.equal(safeNext("/care/gaps", h.manifest, "executive"), undefined);
  });
  await t.step("T34 end to end: the sign-in redirect honours only a safe next", async () => {
    // A hostile next falls back to the caretaker's start page: the first page of its sidebar that
    // the fixture site has (the Methodology index).
    for (
      const [next, expected] of [["https://evil.example", "/methodology/"], [
        "/stars/measures",
        "/stars/measures",
      ]]
    ) {
      h.clock.now += 61_000;
      const flow = await h.requestCode(USERS.caretaker);
      const r = await h.post("/auth/verify", {
        email: USERS.caretaker,
        code: h.mailer.lastCode(USERS.caretaker)!,
        next: next!,
      }, `__Host-flow=${flow}`);
      assert.equal(r.headers.get("location"), expected);
    }
  });
  await h.close();
});

Deno.test("sameOriginPost()", async (t) => {
  const origin = "https://reports.example";
  await t.step("accepts same-origin Fetch Metadata, or a matching Origin without it", () => {
    assert.ok(sameOriginPost(new Headers({ "sec-fetch-site": "same-origin", origin }), origin));
    assert.ok(sameOriginPost(new Headers({ origin }), origin));
    assert.ok(sameOriginPost(new Headers({ "sec-fetch-site": "same-origin" }), origin));
    // What a browser sends for a form post from a no-referrer page.
    assert.ok(sameOriginPost(new Headers({ "sec-fetch-site": "same-origin", origin: "null" }), origin));
  });
  await t.step("refuses cross-site, same-site, other origins, null and no headers at all", () => {
    const refused: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", origin },
      { "sec-fetch-site": "same-site", origin },
      { "sec-fetch-site": "none" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "same-origin", origin: "https://evil.example" },
      {},
    ];
    for (const headers of refused) {
      assert.equal(sameOriginPost(new Headers(headers), origin), false, JSON.stringify(headers));
    }
  });

  await t.step("T35: cross-site POSTs to /auth/* get 403 and change nothing", async () => {
    const h = await harness();
    const sid = await h.login(USERS.caretaker);
    const sent = h.mailer.sent.length;
    for (const path of ["/auth/request", "/auth/verify", "/auth/logout"]) {
      const variants: Record<string, string>[] = [
        { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
        { origin: "https://evil.example" },
      ];
      for (const headers of variants) {
        h.clock.now += 61_000;
        const r = await h.fetch(path, {
          method: "POST",
          headers: {
            ...headers,
            "content-type": "application/x-www-form-urlencoded",
            cookie: `__Host-sid=${sid}`,
          },
          body: new URLSearchParams({ email: USERS.caretaker, code: "123456" }).toString(),
        });
        assert.equal(r.status, 403, `${path} ${JSON.stringify(headers)}`);
        assert.equal(setCookieValue(r, "__Host-sid"), undefined);
      }
    }
    await h.gateway.settled();
    assert.equal(h.mailer.sent.length, sent, "no code was sent");
    assert.equal(
      (await h.fetch("/care/gaps", { headers: { cookie: `__Host-sid=${sid}` } })).status,
      200,
      "not logged out",
    );
    // Without Fetch Metadata but with the right Origin, logout works.
    const out = await h.fetch("/auth/logout", {
      method: "POST",
      headers: { origin: h.origin, cookie: `__Host-sid=${sid}` },
    });
    assert.equal(out.status, 303);
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: `__Host-sid=${sid}` } })).status, 302);
    await h.close();
  });
});
