/**
 * Serving the site by role: deny by default, path attacks over a raw socket, symlinks, listings,
 * methods, unauthenticated answers, cache and security headers, compression and the per-role
 * sidebar (reference tests T24–T26, T30–T33).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { harness, USERS } from "./fixture.ts";
import { rawRequest } from "./raw_http.ts";

Deno.test("serving the site through the gateway", async (t) => {
  const h = await harness();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request, info) => h.gateway.handle(request, info),
  );
  const port = server.addr.port;
  const carl = `__Host-sid=${await h.login(USERS.caretaker)}`;
  const erin = `__Host-sid=${await h.login(USERS.executive)}`;
  const rita = `__Host-sid=${await h.login(USERS.reviewer)}`;

  await t.step(
    "T25: a caretaker gets no executive page, module or financial data (GET, HEAD, Range)",
    async () => {
      for (
        const path of [
          "/exec/roi",
          "/exec/roi.html",
          "/exec/roi.js",
          "/_file/data/lodestar/qbp_roi.3a1b2c3d.parquet",
        ]
      ) {
        for (const method of ["GET", "HEAD"]) {
          const r = await rawRequest(port, method, path, { Cookie: carl });
          assert.ok(r.status === 403 || r.status === 404, `${method} ${path}: ${r.status}`);
          assert.doesNotMatch(r.body, /ROI|financial|roi module/);
        }
        const ranged = await rawRequest(port, "GET", path, { Cookie: carl, Range: "bytes=0-3" });
        assert.ok(ranged.status === 403 || ranged.status === 404);
        assert.doesNotMatch(ranged.body, /PAR1|roi module/);
      }
    },
  );

  await t.step("T25 (reverse): an executive gets no member-level page or data", async () => {
    for (
      const path of ["/care/member_list", "/care/gaps", "/_file/data/lodestar/member_gaps.0a1b2c3d.parquet"]
    ) {
      const r = await rawRequest(port, "GET", path, { Cookie: erin });
      assert.equal(r.status, 403, path);
      assert.doesNotMatch(r.body, /member-level|Member list|Care gaps/);
    }
  });

  await t.step("each role gets what the policy allows", async () => {
    const expect: [string, string, number][] = [
      [carl, "/care/gaps", 200],
      [carl, "/_file/data/lodestar/member_gaps.0a1b2c3d.parquet", 200],
      [carl, "/stars/measures", 200],
      [carl, "/_file/data/lodestar/star_summary.2a1b2c3d.parquet", 200],
      [carl, "/methodology/", 200],
      [carl, "/", 403],
      [erin, "/", 200],
      [erin, "/exec/roi", 200],
      [erin, "/_file/data/lodestar/qbp_roi.3a1b2c3d.parquet", 200],
      [erin, "/data/explorer", 403],
      [rita, "/data/explorer", 200],
      [rita, "/_file/data/lodestar/data_overview_monthly.4a1b2c3d.parquet", 200],
      [rita, "/_file/data/lodestar/orphan_rates.5a1b2c3d.parquet", 200],
      [rita, "/_file/data/lodestar/star_summary.2a1b2c3d.parquet", 200],
      [rita, "/_file/data/lodestar/member_gaps.0a1b2c3d.parquet", 403],
      [rita, "/_file/data/lodestar/qbp_roi.3a1b2c3d.parquet", 403],
      [rita, "/stars/measures", 403],
      [rita, "/_observablehq/client.0123abcd.js", 200],
      [rita, "/404", 403],
    ];
    for (const [cookie, path, status] of expect) {
      const r = await rawRequest(port, "GET", path, { Cookie: cookie });
      assert.equal(r.status, status, `${cookie.slice(0, 16)} ${path}`);
    }
  });

  await t.step(
    "T26: without a session, pages redirect to sign-in and files get 401 with no body",
    async () => {
      const page = await rawRequest(port, "GET", "/care/gaps");
      assert.equal(page.status, 302);
      assert.equal(page.headers.get("location"), "/login?next=%2Fcare%2Fgaps");
      const unknown = await rawRequest(port, "GET", "/no/such/page");
      assert.equal(unknown.status, 302);
      assert.equal(unknown.headers.get("location"), "/login");
      for (
        const path of ["/_file/data/lodestar/gap_rates.1a1b2c3d.parquet", "/_observablehq/client.0123abcd.js"]
      ) {
        const r = await rawRequest(port, "GET", path);
        assert.equal(r.status, 401, path);
        assert.equal(r.body, "");
      }
    },
  );

  await t.step("T30: path attacks get 400/403/404 with no file bytes", async () => {
    const attacks = [
      "/care/../exec/roi.html",
      "/care/%2e%2e/exec/roi.html",
      "/care/..%2Fexec/roi.html",
      "/exec%2Froi.html",
      "//exec/roi.html",
      "/exec/./roi.html",
      "/exec%5croi.html",
      "/EXEC/roi.html",
      "/exec/roi.html%00",
      "/%E0%A4%A",
      "/.env",
      "/%2eenv",
      "/.access-manifest.json",
      "/.git/config",
      "/../../etc/passwd",
      "/_file/data/lodestar/../lodestar/qbp_roi.3a1b2c3d.parquet",
      "/_file/data/lodestar/qbp_roi.3a1b2c3d.parquet/",
      "/exec/roi.html;x",
    ];
    for (const path of attacks) {
      const r = await rawRequest(port, "GET", path, { Cookie: carl });
      assert.ok([400, 403, 404].includes(r.status), `${path}: ${r.status}`);
      assert.doesNotMatch(r.body, /ROI|SECRET|financial|roi module|root:/, path);
    }
  });

  await t.step("T31: a symlink planted in the build folder is not served", async () => {
    const outside = await Deno.makeTempFile();
    await Deno.writeTextFile(outside, "outside secret");
    await Deno.symlink(outside, join(h.dist, "planted.html"));
    // A manifest file replaced by a link after the build is refused too.
    await Deno.remove(join(h.dist, "methodology", "index.html"));
    await Deno.symlink(outside, join(h.dist, "methodology", "index.html"));
    // A folder of the build replaced by a link to a copy elsewhere is refused too.
    const elsewhere = await Deno.makeTempDir();
    await Deno.writeTextFile(join(elsewhere, "gaps.html"), "outside secret");
    await Deno.rename(join(h.dist, "care"), join(h.dist, "care-moved"));
    await Deno.symlink(elsewhere, join(h.dist, "care"));
    for (const path of ["/planted.html", "/planted", "/methodology/", "/care/gaps"]) {
      const r = await rawRequest(port, "GET", path, { Cookie: carl });
      assert.equal(r.status, 404, path);
      assert.doesNotMatch(r.body, /outside secret/);
    }
    await Deno.remove(outside);
    await Deno.remove(join(h.dist, "care"));
    await Deno.rename(join(h.dist, "care-moved"), join(h.dist, "care"));
    await Deno.remove(elsewhere, { recursive: true });
  });

  await t.step("T32: no directory listing; index.html only when in the manifest", async () => {
    for (const path of ["/exec/", "/care/", "/_file/", "/_file/data/lodestar/"]) {
      const r = await rawRequest(port, "GET", path, { Cookie: erin });
      assert.equal(r.status, 404, path);
    }
  });

  await t.step("T33: only GET and HEAD on site paths", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await rawRequest(port, method, "/stars/measures", { Cookie: carl, "Content-Length": "0" });
      assert.equal(r.status, 405, method);
      assert.equal(r.headers.get("allow"), "GET, HEAD");
    }
    const head = await rawRequest(port, "HEAD", "/stars/measures", { Cookie: carl });
    assert.equal(head.status, 200);
    assert.equal(head.body, "");
  });

  await t.step(
    "T24 and L18: gated answers are private, no-store, Vary: Cookie; security headers everywhere",
    async () => {
      for (
        const [path, cookie] of [["/care/gaps", carl], [
          "/_file/data/lodestar/gap_rates.1a1b2c3d.parquet",
          carl,
        ], [
          "/login",
          "",
        ], ["/exec/roi", carl]]
      ) {
        const r = await rawRequest(port, "GET", path!, cookie ? { Cookie: cookie } : {});
        assert.equal(r.headers.get("cache-control"), "private, no-store", path);
        assert.match(r.headers.get("vary") ?? "", /Cookie/, path);
        assert.match(r.headers.get("strict-transport-security") ?? "", /max-age=31536000/);
        assert.equal(r.headers.get("x-content-type-options"), "nosniff");
        assert.equal(r.headers.get("referrer-policy"), "no-referrer");
        assert.equal(r.headers.get("cross-origin-resource-policy"), "same-origin");
        assert.match(r.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
      }
      const asset = await rawRequest(port, "GET", "/_observablehq/client.0123abcd.js", { Cookie: carl });
      assert.equal(asset.headers.get("cache-control"), "private, max-age=31536000, immutable");
      assert.match(asset.headers.get("vary") ?? "", /Cookie/);
    },
  );

  await t.step("compression follows Accept-Encoding; Parquet is sent as is", async () => {
    const gz = await fetch(`http://127.0.0.1:${port}/_observablehq/client.0123abcd.js`, {
      headers: { cookie: carl, "accept-encoding": "gzip" },
    });
    assert.equal(gz.headers.get("content-encoding"), "gzip");
    assert.match(await gz.text(), /shared client code/); // fetch decodes gzip
    const br = await h.fetch("/_observablehq/client.0123abcd.js", {
      headers: { cookie: carl, "accept-encoding": "gzip;q=0.5, br" },
    });
    assert.equal(br.headers.get("content-encoding"), "br");
    await br.body?.cancel();
    const none = await h.fetch("/_observablehq/client.0123abcd.js", {
      headers: { cookie: carl, "accept-encoding": "br;q=0, gzip;q=0" },
    });
    assert.equal(none.headers.get("content-encoding"), null);
    assert.match(await none.text(), /shared client code/);
    const rawGz = await h.fetch("/care/gaps", { headers: { cookie: carl, "accept-encoding": "gzip" } });
    assert.match(
      new TextDecoder().decode(gunzipSync(new Uint8Array(await rawGz.arrayBuffer()))),
      /Care gaps/,
    );
    const parquet = await h.fetch("/_file/data/lodestar/gap_rates.1a1b2c3d.parquet", {
      headers: { cookie: carl, "accept-encoding": "gzip, br" },
    });
    assert.equal(parquet.headers.get("content-encoding"), null);
    assert.equal(await parquet.text(), "PAR1gap rates PAR1");
  });

  await t.step("each role's sidebar lists only pages it may open, plus a sign-out form", async () => {
    const links = async (cookie: string, path: string) => {
      const text = await (await h.fetch(path, { headers: { cookie } })).text();
      const nav = text.slice(text.indexOf('<nav id="observablehq-sidebar">'), text.indexOf("</nav>"));
      return { hrefs: [...nav.matchAll(/href="([^"]*)"/g)].map((m) => m[1]), text };
    };
    const c = await links(carl, "/care/gaps");
    assert.deepEqual(c.hrefs, [
      "../care/gaps",
      "../care/member_list",
      "../stars/measures",
      "../methodology/",
    ]);
    assert.match(c.text, /<form method="post" action="\/auth\/logout"/);
    assert.deepEqual((await links(erin, "/stars/measures")).hrefs, [
      "../",
      "../stars/measures",
      "../exec/roi",
      "../methodology/",
    ]);
    const r = await links(rita, "/data/explorer");
    assert.deepEqual(r.hrefs, ["../data/explorer", "../methodology/"]);
    assert.doesNotMatch(r.text, /<summary>Care Management<\/summary>/);
  });

  await server.shutdown();
  await h.close();
});
