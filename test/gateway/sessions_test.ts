/**
 * Sessions: cookie attributes, fixation, idle and absolute timeouts on the injected clock,
 * logout, allowlist changes, the role never taken from the request, tampered cookies and key
 * rotation (reference tests T19–T23, T27–T29).
 */
import assert from "node:assert/strict";
import { removeUser, setUser } from "../../gateway/allowlist.ts";
import { harness, setCookieValue, USERS } from "./fixture.ts";

const CARL = USERS.caretaker;

Deno.test("sessions", async (t) => {
  await t.step(
    "T19: the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain or Max-Age",
    async () => {
      const h = await harness();
      const flow = await h.requestCode(CARL);
      const r = await h.post(
        "/auth/verify",
        { email: CARL, code: h.mailer.lastCode(CARL)! },
        `__Host-flow=${flow}`,
      );
      const line = r.headers.getSetCookie().find((l) => l.startsWith("__Host-sid="))!;
      const attributes = line.split(";").slice(1).map((a) => a.trim());
      assert.deepEqual(attributes.sort(), ["HttpOnly", "Path=/", "SameSite=Lax", "Secure"]);
      assert.match(setCookieValue(r, "__Host-sid")!, /^[A-Za-z0-9_-]{43}$/); // 32 random bytes
      await h.close();
    },
  );

  await t.step("T20: a session id chosen before sign-in is never the one after it", async () => {
    const h = await harness();
    const planted = await h.login(CARL);
    h.clock.now += 61_000;
    const flow = await h.requestCode(CARL);
    const r = await h.post(
      "/auth/verify",
      { email: CARL, code: h.mailer.lastCode(CARL)! },
      `__Host-flow=${flow}; __Host-sid=${planted}`,
    );
    const fresh = setCookieValue(r, "__Host-sid")!;
    assert.notEqual(fresh, planted);
    // The old id no longer opens anything; the new one does.
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: `__Host-sid=${planted}` } })).status, 302);
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: `__Host-sid=${fresh}` } })).status, 200);
    const attacker = await h.fetch("/care/gaps", { headers: { cookie: "__Host-sid=attacker" } });
    assert.equal(attacker.status, 302);
    await h.close();
  });

  await t.step("T21: 31 min idle ends a session; activity every 29 min keeps it until 12 h", async () => {
    const h = await harness();
    const idle = `__Host-sid=${await h.login(CARL)}`;
    h.clock.now += 31 * 60_000;
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: idle } })).status, 302);

    const busy = `__Host-sid=${await h.login(CARL)}`;
    const start = h.clock.now;
    while (h.clock.now + 29 * 60_000 < start + 12 * 60 * 60_000) {
      h.clock.now += 29 * 60_000;
      const r = await h.fetch("/care/gaps", { headers: { cookie: busy } });
      assert.equal(r.status, 200, `at ${(h.clock.now - start) / 60_000} min`);
      await r.body?.cancel();
    }
    h.clock.now = start + 12 * 60 * 60_000;
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: busy } })).status, 302);
    await h.close();
  });

  await t.step("T22: after logout the old cookie is refused and the KV session is gone", async () => {
    const h = await harness();
    const sid = `__Host-sid=${await h.login(CARL)}`;
    const out = await h.post("/auth/logout", {}, sid);
    assert.equal(out.status, 303);
    assert.match(out.headers.getSetCookie().join("\n"), /__Host-sid=;.*Max-Age=0/);
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: sid } })).status, 302);
    for await (const _ of h.kv.list({ prefix: ["session"] })) assert.fail("a session is left in KV");
    // Logout by GET is not a thing.
    assert.equal((await h.fetch("/auth/logout", { headers: { cookie: sid } })).status, 405);
    await h.close();
  });

  await t.step("T23: removing a user or changing the role ends their sessions", async () => {
    const h = await harness();
    const sid = `__Host-sid=${await h.login(CARL)}`;
    assert.equal(await setUser(h.kv, CARL, "reviewer"), 1);
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: sid } })).status, 302);
    h.clock.now += 61_000;
    const again = `__Host-sid=${await h.login(CARL)}`;
    assert.equal((await h.fetch("/data/explorer", { headers: { cookie: again } })).status, 200);
    assert.equal(await removeUser(h.kv, CARL), 1);
    assert.equal((await h.fetch("/data/explorer", { headers: { cookie: again } })).status, 302);
    // A role changed behind the CLI's back (straight in KV) is caught on the next request too.
    const erin = `__Host-sid=${await h.login(USERS.executive)}`;
    await h.kv.set(["user", USERS.executive], { role: "reviewer" });
    assert.equal((await h.fetch("/", { headers: { cookie: erin } })).status, 302);
    await h.close();
  });

  await t.step("T27: a role in the body, query or headers is ignored", async () => {
    const h = await harness();
    const flow = await h.requestCode(CARL);
    const code = h.mailer.lastCode(CARL)!;
    const r = await h.fetch("/auth/verify?role=executive", {
      method: "POST",
      headers: {
        origin: h.origin,
        "content-type": "application/x-www-form-urlencoded",
        cookie: `__Host-flow=${flow}; role=executive`,
        "x-role": "executive",
      },
      body: new URLSearchParams({ email: CARL, code, role: "executive", next: "/exec/roi" }).toString(),
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get("location"), "/methodology/"); // next not open to a caretaker → start page
    const sid = `__Host-sid=${setCookieValue(r, "__Host-sid")}`;
    assert.equal(
      (await h.fetch("/exec/roi?role=executive", { headers: { cookie: sid, "x-role": "executive" } })).status,
      403,
    );
    await h.close();
  });

  await t.step("T28: tampered cookies are refused without an exception", async () => {
    const h = await harness();
    const sid = await h.login(CARL);
    const flipped = sid.slice(0, 10) + (sid[10] === "A" ? "B" : "A") + sid.slice(11);
    const values = [
      flipped,
      sid.slice(0, 42),
      `${sid}.sig`,
      "",
      "x".repeat(4096),
      `${sid}; __Host-sid=${sid}`,
    ];
    for (const value of values) {
      const r = await h.fetch("/care/gaps", { headers: { cookie: `__Host-sid=${value}` } });
      assert.equal(r.status, 302, value.slice(0, 20));
    }
    assert.ok(!h.logs.some((l) => /"event":"error"/.test(l)));
    await h.close();
  });

  await t.step(
    "T29: sessions and codes made with key 1 verify while it is in the ring, not after",
    async () => {
      const kv = await Deno.openKv(":memory:");
      const old = await harness({ kv, otp: ["o1"], session: ["s1"] });
      const site = { dist: old.dist, manifest: old.manifest };
      const rotated = await harness({ kv, otp: ["o2", "o1"], session: ["s2", "s1"], site });
      const retired = await harness({ kv, otp: ["o2"], session: ["s2"], site });
      const sid = `__Host-sid=${await old.login(CARL)}`;
      old.clock.now += 61_000;
      const flow = await old.requestCode(CARL);
      rotated.clock.now = retired.clock.now = old.clock.now;
      // Rotation: k2 signs now and k1 still verifies the session and the code it made.
      assert.equal((await rotated.fetch("/care/gaps", { headers: { cookie: sid } })).status, 200);
      const r = await rotated.post(
        "/auth/verify",
        { email: CARL, code: old.mailer.lastCode(CARL)! },
        `__Host-flow=${flow}`,
      );
      assert.equal(r.status, 303);
      const rotatedSid = `__Host-sid=${setCookieValue(r, "__Host-sid")}`;
      // After k1 is removed, what it made fails; what k2 made still works.
      old.clock.now += 61_000;
      const flow2 = await old.requestCode(CARL);
      retired.clock.now = old.clock.now;
      assert.equal((await retired.fetch("/care/gaps", { headers: { cookie: sid } })).status, 302);
      assert.equal(
        (await retired.post(
          "/auth/verify",
          { email: CARL, code: old.mailer.lastCode(CARL)! },
          `__Host-flow=${flow2}`,
        ))
          .status,
        401,
      );
      assert.equal((await retired.fetch("/care/gaps", { headers: { cookie: rotatedSid } })).status, 200);
      await rotated.gateway.settled();
      await retired.gateway.settled();
      await old.close();
    },
  );
});
