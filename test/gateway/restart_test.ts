/**
 * KV on disk: a gateway restarted mid-test (new process state, same KV file) keeps sessions,
 * live codes, attempt counts, backoff and the hard stop.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { failuresOf } from "../../gateway/login.ts";
import { harness, makeSite, USERS } from "./fixture.ts";

Deno.test("a restart loses no session or lockout state", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "gateway.kv");
  const site = await makeSite();
  const carl = USERS.caretaker;
  const erin = USERS.executive;

  const first = await harness({ kv: await Deno.openKv(path), site });
  const sid = `__Host-sid=${await first.login(carl)}`;
  // Erin burns a code (backoff) and has a fresh code with two wrong tries on it.
  let flow = await first.requestCode(erin);
  for (let i = 0; i < 5; i++) {
    await first.post("/auth/verify", { email: erin, code: "000000" }, `__Host-flow=${flow}`);
  }
  first.clock.now += 61_000;
  flow = await first.requestCode(erin);
  const code = first.mailer.lastCode(erin)!;
  const wrong = code === "000000" ? "000001" : "000000";
  for (let i = 0; i < 4; i++) {
    await first.post("/auth/verify", { email: erin, code: wrong }, `__Host-flow=${flow}`);
  }
  const at = first.clock.now;
  await first.gateway.settled();
  first.kv.close();

  const second = await harness({ kv: await Deno.openKv(path), site });
  second.clock.now = at + 1_000;
  assert.equal((await second.fetch("/care/gaps", { headers: { cookie: sid } })).status, 200, "session kept");
  assert.equal(await failuresOf(second.kv, erin), 9, "failure count kept");
  // The attempt count survived: one more wrong try burns the code, and the right one is then refused.
  await second.post("/auth/verify", { email: erin, code: wrong }, `__Host-flow=${flow}`);
  const late = await second.post("/auth/verify", { email: erin, code }, `__Host-flow=${flow}`);
  assert.equal(late.status, 401);
  assert.match(await late.text(), /Ask for a new code/);
  // The backoff of the second burned code (2 minutes) survived too.
  second.clock.now += 60_000;
  await second.requestCode(erin);
  await second.gateway.settled();
  assert.equal(second.mailer.sent.filter((m) => m.to === erin).length, 0, "still backing off");
  await second.close();
  await Deno.remove(dir, { recursive: true });
});
