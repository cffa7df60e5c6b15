/**
 * Sign-in codes through the gateway's HTTP handler: attempt caps counted before comparison,
 * concurrency, the hard stop, backoff, single use, expiry on the stored time, resend, binding to
 * the address and to the login flow, normalisation and malformed input (reference tests T2–T5,
 * T7–T14).
 */
import assert from "node:assert/strict";
import { failuresOf } from "../../gateway/login.ts";
import type { CodeRecord } from "../../gateway/login.ts";
import { harness, setCookieValue, USERS } from "./fixture.ts";

const ERIN = USERS.executive;

function wrong(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

Deno.test("verifyCode through /auth/verify", async (t) => {
  await t.step("T2: five wrong codes burn the code; the right one is then refused", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const code = h.mailer.lastCode(ERIN)!;
    for (let i = 0; i < 5; i++) {
      const r = await h.post("/auth/verify", { email: ERIN, code: wrong(code) }, `__Host-flow=${flow}`);
      assert.equal(r.status, 401);
      assert.match(await r.text(), /did not work/);
    }
    const r = await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`);
    assert.equal(r.status, 401);
    assert.match(await r.text(), /Ask for a new code/);
    assert.equal(setCookieValue(r, "__Host-sid"), undefined);
    await h.close();
  });

  await t.step("T3: 50 concurrent wrong codes count exactly 5 attempts", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const code = h.mailer.lastCode(ERIN)!;
    const responses = await Promise.all(
      Array.from(
        { length: 50 },
        () => h.post("/auth/verify", { email: ERIN, code: wrong(code) }, `__Host-flow=${flow}`),
      ),
    );
    const texts = await Promise.all(responses.map((r) => r.text()));
    assert.equal(texts.filter((t) => /did not work/.test(t)).length, 5);
    assert.equal(texts.filter((t) => /Ask for a new code/.test(t)).length, 45);
    assert.equal((await h.kv.get<CodeRecord>(["code", ERIN])).value?.attempts, 5);
    assert.equal(await failuresOf(h.kv, ERIN), 5);
    await h.close();
  });

  await t.step("T4: 100 consecutive failures stop sign-in; a success resets the count", async () => {
    const h = await harness();
    // A success after some failures resets the count to zero.
    let flow = await h.requestCode(ERIN);
    let code = h.mailer.lastCode(ERIN)!;
    await h.post("/auth/verify", { email: ERIN, code: wrong(code) }, `__Host-flow=${flow}`);
    assert.equal(await failuresOf(h.kv, ERIN), 1);
    assert.equal((await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`)).status, 303);
    assert.equal(await failuresOf(h.kv, ERIN), 0);
    // Twenty burned codes, waiting out each backoff, make 100 consecutive failures.
    for (let burned = 0; burned < 20; burned++) {
      h.clock.now += 61 * 60_000;
      const sent = h.mailer.sent.length;
      flow = await h.requestCode(ERIN);
      assert.equal(h.mailer.sent.length, sent + 1, `code ${burned + 1} was sent`);
      code = h.mailer.lastCode(ERIN)!;
      for (let i = 0; i < 5; i++) {
        await h.post("/auth/verify", { email: ERIN, code: wrong(code) }, `__Host-flow=${flow}`);
      }
    }
    assert.equal(await failuresOf(h.kv, ERIN), 100);
    h.clock.now += 61 * 60_000;
    const sent = h.mailer.sent.length;
    await h.requestCode(ERIN);
    assert.equal(h.mailer.sent.length, sent, "no code after the hard stop");
    assert.ok(h.logs.some((l) => /"event":"lockout"/.test(l)));
    await h.close();
  });

  await t.step(
    "T5: within the backoff after a burned code, no email is sent and the reply is the same",
    async () => {
      const h = await harness();
      const flow = await h.requestCode(ERIN);
      const code = h.mailer.lastCode(ERIN)!;
      for (let i = 0; i < 5; i++) {
        await h.post(
          "/auth/verify",
          { email: ERIN, code: wrong(code) },
          `__Host-flow=${flow}`,
        );
      }
      // 59 s later: past nothing yet (the first burned code waits 1 minute).
      h.clock.now += 59_000;
      const sent = h.mailer.sent.length;
      const r = await h.post("/auth/request", { email: ERIN }, `__Host-flow=${flow}`);
      assert.equal(r.status, 303);
      assert.equal(r.headers.get("location"), "/login/code?next=%2F");
      await h.gateway.settled();
      assert.equal(h.mailer.sent.length, sent);
      // After the minute a code is sent again; burning it too makes the next wait 2 minutes.
      h.clock.now += 2_000;
      const flow2 = await h.requestCode(ERIN);
      assert.equal(h.mailer.sent.length, sent + 1);
      const code2 = h.mailer.lastCode(ERIN)!;
      for (let i = 0; i < 5; i++) {
        await h.post(
          "/auth/verify",
          { email: ERIN, code: wrong(code2) },
          `__Host-flow=${flow2}`,
        );
      }
      h.clock.now += 119_000;
      await h.requestCode(ERIN);
      assert.equal(h.mailer.sent.length, sent + 1, "still inside the 2-minute backoff");
      h.clock.now += 2_000;
      await h.requestCode(ERIN);
      assert.equal(h.mailer.sent.length, sent + 2);
      await h.close();
    },
  );

  await t.step("T7: a code works once", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const code = h.mailer.lastCode(ERIN)!;
    assert.equal((await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`)).status, 303);
    const again = await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`);
    assert.equal(again.status, 401);
    assert.equal(setCookieValue(again, "__Host-sid"), undefined);
    await h.close();
  });

  await t.step("T8: 8 concurrent right submissions make exactly one session", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const code = h.mailer.lastCode(ERIN)!;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`)),
    );
    await Promise.all(responses.map((r) => r.body?.cancel()));
    assert.equal(responses.filter((r) => setCookieValue(r, "__Host-sid") !== undefined).length, 1);
    let sessions = 0;
    for await (const _ of h.kv.list({ prefix: ["session"] })) sessions++;
    assert.equal(sessions, 1);
    await h.close();
  });

  await t.step("T9: 10 min + 1 s after issue the code is refused though its KV entry remains", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const code = h.mailer.lastCode(ERIN)!;
    h.clock.now += 10 * 60_000 + 1_000;
    assert.notEqual((await h.kv.get(["code", ERIN])).value, null);
    const r = await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`);
    assert.equal(r.status, 401);
    assert.match(await r.text(), /Ask for a new code/);
    await h.close();
  });

  await t.step("T10: a new code replaces the old one", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const first = h.mailer.lastCode(ERIN)!;
    h.clock.now += 61_000;
    await h.requestCode(ERIN, flow);
    const second = h.mailer.lastCode(ERIN)!;
    assert.equal(h.mailer.sent.length, 2);
    if (first !== second) {
      assert.equal(
        (await h.post("/auth/verify", { email: ERIN, code: first }, `__Host-flow=${flow}`)).status,
        401,
      );
    }
    assert.equal(
      (await h.post("/auth/verify", { email: ERIN, code: second }, `__Host-flow=${flow}`)).status,
      303,
    );
    await h.close();
  });

  await t.step("T11: Alice's code submitted for Bob fails and counts against Bob", async () => {
    const h = await harness();
    const bob = USERS.caretaker;
    const flow = await h.requestCode(ERIN);
    const flowBob = await h.requestCode(bob);
    const code = h.mailer.lastCode(ERIN)!;
    const codeBob = h.mailer.lastCode(bob)!;
    const r = await h.post("/auth/verify", { email: bob, code }, `__Host-flow=${flow}`);
    assert.equal(r.status, 401);
    assert.equal(await failuresOf(h.kv, bob), 1);
    assert.equal(await failuresOf(h.kv, ERIN), 0);
    assert.equal((await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`)).status, 303);
    assert.equal(
      (await h.post("/auth/verify", { email: bob, code: codeBob }, `__Host-flow=${flowBob}`)).status,
      303,
    );
    await h.close();
  });

  await t.step("T12: the code only works in the login flow that asked for it", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const code = h.mailer.lastCode(ERIN)!;
    const other = "A".repeat(43);
    assert.equal((await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${other}`)).status, 401);
    assert.equal((await h.post("/auth/verify", { email: ERIN, code })).status, 401);
    assert.equal((await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`)).status, 303);
    await h.close();
  });

  await t.step("T13: address case and spaces do not matter", async () => {
    const h = await harness();
    const flow = await h.requestCode("  Erin@Example.COM ");
    assert.equal(h.mailer.sent.at(-1)?.to, ERIN);
    const code = h.mailer.lastCode(ERIN)!;
    await h.post("/auth/verify", { email: "ERIN@example.com", code: wrong(code) }, `__Host-flow=${flow}`);
    assert.equal(await failuresOf(h.kv, ERIN), 1);
    assert.equal(
      (await h.post("/auth/verify", { email: " erin@EXAMPLE.com", code }, `__Host-flow=${flow}`)).status,
      303,
    );
    await h.close();
  });

  await t.step("T14: malformed codes and bodies get the generic reply and no exception", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    const keysNow = async () => {
      const keys: string[] = [];
      for await (const e of h.kv.list({ prefix: [] })) {
        if (!["audit", "ip", "fail"].includes(String(e.key[0]))) keys.push(JSON.stringify(e.key));
      }
      return keys;
    };
    const before = await keysNow();
    for (const code of ["12345", "1234567", "12a456", "x".repeat(10_000), "", " 123456"]) {
      const r = await h.post("/auth/verify", { email: ERIN, code }, `__Host-flow=${flow}`);
      assert.ok(r.status === 401 || r.status === 400, `code ${code.slice(0, 10)}: ${r.status}`);
      await r.body?.cancel();
    }
    const json = await h.fetch("/auth/verify", {
      method: "POST",
      headers: { origin: h.origin, "content-type": "application/json", cookie: `__Host-flow=${flow}` },
      body: "[1,2,3]",
    });
    assert.equal(json.status, 401);
    // Beyond the attempt counters (per code and per address), the audit log and per-IP counts, nothing was written.
    assert.deepEqual(await keysNow(), before);
    assert.equal((await h.kv.get<CodeRecord>(["code", ERIN])).value?.attempts, 5);
    assert.ok(!h.logs.some((l) => /"event":"error"/.test(l)));
    await h.close();
  });

  await t.step("L6 and L7: 60 s resend cooldown and 5 codes per rolling hour per address", async () => {
    const h = await harness();
    const flow = await h.requestCode(ERIN);
    h.clock.now += 59_000;
    await h.requestCode(ERIN, flow);
    assert.equal(h.mailer.sent.length, 1, "inside the cooldown");
    for (let i = 2; i <= 5; i++) {
      h.clock.now += 61_000;
      await h.requestCode(ERIN, flow);
      assert.equal(h.mailer.sent.length, i);
    }
    h.clock.now += 61_000;
    await h.requestCode(ERIN, flow);
    assert.equal(h.mailer.sent.length, 5, "the sixth code in an hour is held back");
    // An hour after the first send, one slot is free again.
    h.clock.now += 60 * 60_000 - 5 * 61_000 - 59_000 + 1_000;
    await h.requestCode(ERIN, flow);
    assert.equal(h.mailer.sent.length, 6);
    await h.close();
  });

  await t.step("L10: the global send budget holds back codes beyond it, for every address", async () => {
    const h = await harness({ limits: { globalSendsPerHour: 2 } });
    await h.requestCode(USERS.executive);
    await h.requestCode(USERS.caretaker);
    await h.requestCode(USERS.reviewer);
    assert.deepEqual(h.mailer.sent.map((m) => m.to), [USERS.executive, USERS.caretaker]);
    await h.close();
  });

  await t.step("L20: each sign-in is followed by a notice email and an audit entry", async () => {
    const h = await harness();
    await h.login(ERIN);
    const notice = h.mailer.sent.at(-1)!;
    assert.equal(notice.to, ERIN);
    assert.equal(notice.subject, "New sign-in to Lodestar");
    assert.match(notice.text, /at 2026-01-05T09:00:00.000Z from 203.0.113.7/);
    const audit: unknown[] = [];
    for await (const e of h.kv.list({ prefix: ["audit"] })) audit.push(e.value);
    assert.ok(audit.some((a) => (a as { event: string }).event === "login"));
    await h.close();
  });
});
