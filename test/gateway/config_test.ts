/**
 * Secrets and key rings: refusal to start on missing or short secrets, rotation order, and the
 * rule that logs never hold a code, session id or key (reference tests T37, T38).
 */
import assert from "node:assert/strict";
import { readSecrets } from "../../gateway/config.ts";
import { encodeBase64Url, parseKeyRing, sign, verify } from "../../gateway/keyring.ts";
import { startGateway } from "../../gateway/main.ts";
import { fakeMailer } from "../../gateway/mailer.ts";
import { harness, makeSite, ringValue, USERS } from "./fixture.ts";

const key = (bytes: number) => encodeBase64Url(new Uint8Array(bytes).fill(7));

Deno.test("readSecrets()", async (t) => {
  const good: Record<string, string> = {
    LODESTAR_BASE_URL: "https://reports.example/",
    LODESTAR_OTP_KEYS: ringValue("o1"),
    LODESTAR_SESSION_KEYS: ringValue("s1"),
  };
  await t.step("reads the origin and both rings", async () => {
    const secrets = await readSecrets((n) => good[n]);
    assert.equal(secrets.origin, "https://reports.example");
    assert.deepEqual(secrets.otpKeys.keys.map((k) => k.kid), ["o1"]);
  });
  await t.step("T38: refuses a missing, empty, short, malformed or repeated secret", async () => {
    const bad: [string, string | undefined, RegExp][] = [
      ["LODESTAR_OTP_KEYS", undefined, /LODESTAR_OTP_KEYS is not set/],
      ["LODESTAR_SESSION_KEYS", "", /LODESTAR_SESSION_KEYS is not set/],
      ["LODESTAR_OTP_KEYS", `k1:${key(31)}`, /"k1" is 31 bytes; expected at least 32/],
      ["LODESTAR_OTP_KEYS", `k1:${key(32)},k2:${key(16)}`, /"k2" is 16 bytes/],
      ["LODESTAR_OTP_KEYS", key(32), /entry 1 is not "kid:base64url-key"/],
      ["LODESTAR_OTP_KEYS", `k1:${key(32)},k1:${key(40)}`, /repeats key id "k1"/],
      ["LODESTAR_BASE_URL", undefined, /LODESTAR_BASE_URL is not set/],
      ["LODESTAR_BASE_URL", "http://reports.example", /must be https/],
    ];
    for (const [name, value, message] of bad) {
      const env = { ...good };
      if (value === undefined) delete env[name];
      else env[name] = value;
      await assert.rejects(() => readSecrets((n) => env[n]), (error: Error) => {
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, new RegExp(key(31).slice(0, 20)));
        return true;
      }, `${name}=${value}`);
    }
  });
  await t.step("T38: the gateway does not start (does not listen) without its secrets", async () => {
    const { dist } = await makeSite();
    const kv = await Deno.openKv(":memory:");
    await assert.rejects(
      () =>
        startGateway({
          dist,
          kv,
          mailer: fakeMailer(),
          env: (n) => ({ ...good, LODESTAR_OTP_KEYS: `k:${key(8)}` })[n],
          port: 0,
        }),
      /at least 32/,
    );
    kv.close();
    await Deno.remove(dist, { recursive: true });
  });
});

Deno.test("key ring", async (t) => {
  await t.step("signs with the first key and verifies with any key in the ring", async () => {
    const old = await parseKeyRing("R", ringValue("k1"));
    const rotated = await parseKeyRing("R", ringValue("k2", "k1"));
    const retired = await parseKeyRing("R", ringValue("k2"));
    const signed = await sign(old, "data");
    assert.equal(signed.kid, "k1");
    assert.equal((await sign(rotated, "data")).kid, "k2");
    assert.ok(await verify(rotated, signed.kid, signed.tag, "data"));
    assert.ok(!(await verify(rotated, signed.kid, signed.tag, "other")));
    assert.ok(!(await verify(retired, signed.kid, signed.tag, "data")));
  });
  await t.step("gives the RFC 4231 test case 2 tag (HMAC-SHA-256)", async () => {
    // RFC 4231 §4.3 uses key "Jefe" (4 bytes), below our minimum; use it through WebCrypto directly
    // to pin the algorithm, and check sign() gives the same tag for a 32-byte key built the same way.
    const raw = new TextEncoder().encode("Jefe".padEnd(32, "\u0000"));
    const ring = await parseKeyRing("R", `k:${encodeBase64Url(raw)}`);
    const { tag } = await sign(ring, "what do ya want for nothing?");
    const direct = await crypto.subtle.sign(
      "HMAC",
      await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]),
      new TextEncoder().encode("what do ya want for nothing?"),
    );
    // HMAC pads short keys with zeros to the block size, so "Jefe" and "Jefe\0…" give the RFC's tag.
    assert.equal(
      Array.from(tag, (b) => b.toString(16).padStart(2, "0")).join(""),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    assert.deepEqual(tag, new Uint8Array(direct));
  });
});

Deno.test("T37: logs never contain a code, a session id or a key", async () => {
  const h = await harness();
  const sid = await h.login(USERS.caretaker);
  const codes = h.mailer.sent.map((m) => m.text.match(/\b\d{6}\b/)?.[0]).filter((c): c is string => !!c);
  h.clock.now += 61_000;
  const flow = await h.requestCode(USERS.caretaker);
  await h.post("/auth/verify", { email: USERS.caretaker, code: "000000" }, `__Host-flow=${flow}`);
  await h.post("/auth/logout", {}, `__Host-sid=${sid}`);
  codes.push(h.mailer.lastCode(USERS.caretaker)!);
  const log = h.logs.join("\n");
  const audit: string[] = [];
  for await (const e of h.kv.list({ prefix: ["audit"] })) audit.push(JSON.stringify(e.value));
  for (const text of [log, audit.join("\n")]) {
    assert.match(text, /"event":"login"/);
    assert.match(text, /"event":"login_failed"/);
    assert.match(text, /"event":"logout"/);
    for (const code of codes) {
      assert.ok(!text.includes(`"${code}"`) && !new RegExp(`\\b${code}\\b`).test(text), code);
    }
    assert.ok(!text.includes(sid));
    assert.ok(!text.includes(flow));
    for (const kid of ["o1", "s1"]) assert.ok(!text.includes(ringValue(kid).split(":")[1]!));
  }
  await h.close();
});
