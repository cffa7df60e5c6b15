/** The admin's `users` task: add, change role, list, remove, enable; role changes end sessions. */
import assert from "node:assert/strict";
import { failuresOf } from "../../gateway/login.ts";
import { runUsers } from "../../gateway/users_cli.ts";
import { harness, USERS } from "./fixture.ts";

Deno.test("runUsers()", async (t) => {
  const h = await harness();
  await t.step("add and list, normalising the address", async () => {
    assert.deepEqual(await runUsers(h.kv, ["add", " Dana@Example.com", "reviewer"]), [
      "dana@example.com is reviewer",
    ]);
    assert.deepEqual(await runUsers(h.kv, ["list"]), [
      "carl@example.com\tcaretaker",
      "dana@example.com\treviewer",
      "erin@example.com\texecutive",
      "rita@example.com\treviewer",
    ]);
  });
  await t.step("a role change ends the user's sessions", async () => {
    const sid = `__Host-sid=${await h.login(USERS.caretaker)}`;
    assert.deepEqual(await runUsers(h.kv, ["role", USERS.caretaker, "reviewer"]), [
      "carl@example.com is reviewer (1 session(s) ended)",
    ]);
    assert.equal((await h.fetch("/care/gaps", { headers: { cookie: sid } })).status, 302);
  });
  await t.step("remove ends sessions; the removed address gets no more codes", async () => {
    h.clock.now += 61_000;
    const sid = `__Host-sid=${await h.login(USERS.reviewer)}`;
    assert.deepEqual(await runUsers(h.kv, ["remove", USERS.reviewer]), [
      "removed rita@example.com (1 session(s) ended)",
    ]);
    assert.equal((await h.fetch("/data/explorer", { headers: { cookie: sid } })).status, 302);
    h.clock.now += 61_000;
    const sent = h.mailer.sent.length;
    await h.requestCode(USERS.reviewer);
    assert.equal(h.mailer.sent.length, sent);
  });
  await t.step("enable clears the failure count", async () => {
    await h.kv.set(["fail", USERS.executive], new Deno.KvU64(100n));
    await runUsers(h.kv, ["enable", USERS.executive]);
    assert.equal(await failuresOf(h.kv, USERS.executive), 0);
  });
  await t.step("bad input gets a specific error", async () => {
    await assert.rejects(
      () => runUsers(h.kv, ["add", "not-an-address", "reviewer"]),
      /"not-an-address" is not an email address/,
    );
    await assert.rejects(() => runUsers(h.kv, ["add", "x@example.com", "admin"]), /"admin" is not a role/);
    await assert.rejects(
      () => runUsers(h.kv, ["remove", "ghost@example.com"]),
      /ghost@example.com is not on the allowlist/,
    );
    await assert.rejects(() => runUsers(h.kv, ["frobnicate"]), /unknown command "frobnicate"/);
  });
  await h.close();
});
