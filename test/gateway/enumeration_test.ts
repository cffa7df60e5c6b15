/**
 * No user enumeration: the same status, body, cookies and (within 50 ms median) time for known
 * and unknown addresses, also when the mailer is slow or fails; and the per-IP limit answers the
 * same for both (reference tests T6, T15–T18).
 */
import assert from "node:assert/strict";
import { harness, USERS } from "./fixture.ts";

const KNOWN = USERS.executive;
const UNKNOWN = "nobody@example.com";

function shape(r: Response, body: string) {
  const headers = [...r.headers.entries()].filter(([k]) => k !== "set-cookie" && k !== "date");
  const cookies = r.headers.getSetCookie().map((c) => c.split("=")[0]);
  const cookieAttributes = r.headers.getSetCookie().map((c) => c.split(";").slice(1).join(";"));
  return { status: r.status, headers, cookies, cookieAttributes, body };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

Deno.test("no user enumeration", async (t) => {
  await t.step("T15: request-code answers alike for a known and an unknown address", async () => {
    const h = await harness();
    const known = await h.post("/auth/request", { email: KNOWN, next: "/stars/measures" });
    const unknown = await h.post("/auth/request", { email: UNKNOWN, next: "/stars/measures" });
    assert.deepEqual(shape(unknown, await unknown.text()), shape(known, await known.text()));
    await h.gateway.settled();
    assert.equal(h.mailer.sent.length, 1);
    assert.equal(h.mailer.sent[0]?.to, KNOWN);
    // The code page shows the typed address either way, with the same wording.
    const page = async (r: Response) => {
      const flow = r.headers.getSetCookie()[0]!.split(";")[0]!;
      const text = await (await h.fetch("/login/code?next=%2F", { headers: { cookie: flow } })).text();
      return text.replaceAll(KNOWN, "ADDRESS").replaceAll(UNKNOWN, "ADDRESS");
    };
    assert.equal(await page(known), await page(unknown));
    await h.close();
  });

  await t.step(
    "T16: verify for an unknown address answers like a wrong code, then 'too many' after 5",
    async () => {
      const h = await harness();
      const flowKnown = await h.requestCode(KNOWN);
      const flowUnknown = await h.requestCode(UNKNOWN);
      for (let i = 0; i < 6; i++) {
        const k = await h.post("/auth/verify", { email: KNOWN, code: "000000" }, `__Host-flow=${flowKnown}`);
        const u = await h.post(
          "/auth/verify",
          { email: UNKNOWN, code: "000000" },
          `__Host-flow=${flowUnknown}`,
        );
        const kb = (await k.text()).replaceAll(KNOWN, "ADDRESS");
        const ub = (await u.text()).replaceAll(UNKNOWN, "ADDRESS");
        assert.equal(u.status, k.status);
        assert.equal(ub, kb, `attempt ${i + 1}`);
        assert.match(kb, i < 5 ? /did not work/ : /Ask for a new code/);
      }
      await h.close();
    },
  );

  await t.step("T17: with a mailer taking 200 ms, the median times differ by under 50 ms", async () => {
    const h = await harness({
      limits: { sendsPerHour: 1000, resendCooldownMs: 0, globalSendsPerHour: 100_000 },
    });
    h.mailer.latencyMs = 200;
    const time = async (email: string) => {
      const start = performance.now();
      const r = await h.post("/auth/request", { email });
      await r.body?.cancel();
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 30; i++) {
      known.push(await time(KNOWN));
      unknown.push(await time(`nobody${i}@example.com`));
    }
    const difference = Math.abs(median(known) - median(unknown));
    assert.ok(difference < 50, `median difference ${difference.toFixed(1)} ms`);
    assert.ok(
      median(known) < 200,
      `the answer does not wait for the mailer (${median(known).toFixed(1)} ms)`,
    );
    await h.gateway.settled();
    assert.equal(h.mailer.sent.length, 30);
    await h.close();
  });

  await t.step("T18: a failing mailer still gets the generic answer, and the failure is logged", async () => {
    const h = await harness();
    const ok = await h.post("/auth/request", { email: USERS.caretaker });
    h.mailer.fail = true;
    const failing = await h.post("/auth/request", { email: KNOWN });
    assert.deepEqual(shape(failing, await failing.text()), shape(ok, await ok.text()));
    await h.gateway.settled();
    assert.ok(h.logs.some((l) => /"event":"mailer_error"/.test(l) && l.includes(KNOWN)));
    await h.close();
  });

  await t.step(
    "T6: the 21st code request from one IP in an hour gets 429 with Retry-After, alike for all",
    async () => {
      const h = await harness({ limits: { requestsPerIpHour: 20 } });
      for (let i = 0; i < 20; i++) {
        const r = await h.post("/auth/request", { email: `user${i}@example.com` }, undefined, "198.51.100.9");
        assert.equal(r.status, 303);
        await r.body?.cancel();
      }
      const known = await h.post("/auth/request", { email: KNOWN }, undefined, "198.51.100.9");
      const unknown = await h.post("/auth/request", { email: UNKNOWN }, undefined, "198.51.100.9");
      assert.equal(known.status, 429);
      assert.ok(Number(known.headers.get("retry-after")) > 0);
      assert.deepEqual(shape(unknown, await unknown.text()), shape(known, await known.text()));
      // Another IP is not affected.
      assert.equal((await h.post("/auth/request", { email: KNOWN }, undefined, "198.51.100.10")).status, 303);
      // The next hour the IP may ask again.
      h.clock.now += 60 * 60_000;
      assert.equal(
        (await h.post("/auth/request", { email: UNKNOWN }, undefined, "198.51.100.9")).status,
        303,
      );
      await h.close();
    },
  );

  await t.step("L9: the 61st code submission from one IP in an hour gets 429", async () => {
    const h = await harness({ limits: { verifiesPerIpHour: 60 } });
    for (let i = 0; i < 60; i++) {
      const r = await h.post(
        "/auth/verify",
        { email: `u${i}@example.com`, code: "123456" },
        undefined,
        "198.51.100.9",
      );
      assert.equal(r.status, 401);
      await r.body?.cancel();
    }
    assert.equal(
      (await h.post("/auth/verify", { email: KNOWN, code: "123456" }, undefined, "198.51.100.9")).status,
      429,
    );
    await h.close();
  });
});
