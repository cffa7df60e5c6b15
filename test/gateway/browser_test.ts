/**
 * Real browser, real site: each role signs in through the gateway's pages in Chromium (the code
 * read from the test mailer), gets every page it may open with every data file the page registers,
 * renders one page of each of its sections without errors and with a sidebar of only the pages it
 * may open, is refused on the others, and signs out.
 */
import assert from "node:assert/strict";
import { type Role, ROLES } from "../../platform/access_policy.ts";
import { rolesForPage, SECTIONS } from "../../platform/navigation.ts";
import { setUser } from "../../gateway/allowlist.ts";
import { createGateway, type Gateway } from "../../gateway/handler.ts";
import { fakeMailer } from "../../gateway/mailer.ts";
import { buildManifest, referencedFiles } from "../../gateway/manifest.ts";
import { recordedPage, screenshot, withChromium } from "../support/browser.ts";
import { builtSite } from "../support/site.ts";
import { testSecrets } from "./fixture.ts";

const PAGES = ["/", ...SECTIONS.flatMap((s) => s.pages.map((p) => p.path))];
const EMAIL: Record<Role, string> = {
  executive: "erin@example.com",
  caretaker: "carl@example.com",
  reviewer: "rita@example.com",
};

Deno.test("signing in and browsing by role in Chromium", async (t) => {
  // GATEWAY_TEST_DIST reuses an existing build when rerunning. The manifest stays in memory: the
  // shared build is also compared byte for byte with another build, so nothing is written into it.
  const dist = Deno.env.get("GATEWAY_TEST_DIST") ?? (await builtSite()).dist;
  const manifest = await buildManifest(dist);
  const kv = await Deno.openKv(":memory:");
  for (const role of ROLES) await setUser(kv, EMAIL[role], role);
  const mailer = fakeMailer();
  // The handler needs the origin, which is known once the server listens.
  const late: { gateway?: Gateway } = {};
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (request, info) => late.gateway!.handle(request, info),
  );
  const origin = `http://127.0.0.1:${server.addr.port}`;
  const gateway = late.gateway = createGateway({
    kv,
    dist,
    manifest,
    secrets: await testSecrets(origin),
    mailer,
    log: () => {},
  });
  try {
    await withChromium(async (browser) => {
      for (const role of ROLES) {
        await t.step(role, async () => {
          const { page, log } = await recordedPage(browser, origin);
          const allowed = PAGES.filter((p) => rolesForPage(p).includes(role));
          const refused = PAGES.filter((p) => !rolesForPage(p).includes(role));
          // Signed out, a page sends the browser to the sign-in form.
          const target = allowed[0] ?? "/";
          await page.goto(origin + target);
          assert.equal(new URL(page.url()).pathname, "/login");
          await page.fill("#email", EMAIL[role]);
          await page.click("button[type=submit]");
          await page.waitForURL(/\/login\/code/);
          await gateway.settled();
          const code = mailer.lastCode(EMAIL[role]);
          assert.ok(code, "the code was mailed");
          await screenshot(page, `gateway-code-${role}`);
          await page.fill("#code", code!);
          await page.click("button[type=submit]");
          await page.waitForURL((url) => url.pathname !== "/login/code", { timeout: 15_000 });
          const cookies = await page.context().cookies();
          assert.deepEqual(cookies.map((c) => [c.name, c.httpOnly, c.secure, c.sameSite]), [[
            "__Host-sid",
            true,
            true,
            "Lax",
          ]]);
          // The landing page may be the refusal page for a role with no page yet; count errors from here.
          log.consoleErrors.length = 0;
          // Every allowed page, and every data file it registers, answers 200 to this session.
          for (const path of allowed) {
            const response = await page.request.get(origin + path);
            assert.equal(response.status(), 200, path);
            const html = await response.text();
            const htmlPath = path.endsWith("/") ? `${path.slice(1)}index.html` : `${path.slice(1)}.html`;
            for (const file of referencedFiles(html, htmlPath)) {
              const data = await page.request.get(`${origin}/${file}`);
              assert.equal(data.status(), 200, `${role}: ${file} for ${path}`);
            }
          }
          // One page of each section it may open is rendered in full (every page renders in
          // test/browser/pages_test.ts; here the point is the role's sidebar and its data access).
          const rendered = SECTIONS.map((s) => s.pages.map((p) => p.path).find((p) => allowed.includes(p)))
            .filter((p): p is string => p !== undefined);
          if (allowed.includes("/")) rendered.unshift("/");
          for (const path of rendered) {
            const response = await page.goto(origin + path, { waitUntil: "networkidle", timeout: 60_000 });
            assert.equal(response?.status(), 200, path);
            await page.waitForTimeout(300);
            const errors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent));
            assert.deepEqual(errors, [], `cell errors on ${path}`);
            assert.ok((await page.textContent("main h1"))?.trim(), `${path} has a heading`);
            const hrefs = await page.$$eval(
              "#observablehq-sidebar li a",
              (as) => as.map((a) => a.getAttribute("href") ?? ""),
            );
            for (const href of hrefs) {
              const link = new URL(href, page.url()).pathname;
              assert.ok(rolesForPage(link).includes(role), `${role} sees a link to ${link}`);
            }
            await screenshot(page, `gateway-${role}${path.replaceAll("/", "-")}`);
          }
          assert.deepEqual(log.consoleErrors, [], "no console errors on allowed pages");
          assert.deepEqual(log.offHost, []);
          for (const path of refused) {
            const response = await page.goto(origin + path);
            assert.equal(response?.status(), 403, path);
            assert.match((await page.textContent("h1")) ?? "", /Not available/);
          }
          // Sign out with the button (on a report page, or on the refusal page), then the session is gone.
          await page.goto(origin + (allowed[0] ?? "/"));
          await page.click(".lodestar-signout button");
          await page.waitForURL((url) => url.pathname === "/login", { timeout: 15_000 });
          assert.equal(new URL(page.url()).pathname, "/login");
          await page.goto(origin + (allowed[0] ?? "/"));
          assert.equal(new URL(page.url()).pathname, "/login");
          await page.close();
        });
      }
    });
  } finally {
    await server.shutdown();
    await gateway.settled();
    kv.close();
  }
});
