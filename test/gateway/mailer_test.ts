/**
 * Email: the code message carries the code and the configured address (never the Host header)
 * and no sign-in link; the HTTPS API transport speaks Resend's and Postmark's formats to a local
 * fake and reports failures without the key; the outbox writes files (reference test T36).
 */
import assert from "node:assert/strict";
import { codeEmail, httpApiMailer, outboxMailer } from "../../gateway/mailer.ts";
import { harness, USERS } from "./fixture.ts";

Deno.test("codeEmail()", async (t) => {
  await t.step(
    "T36: the body has the code and the configured URL, no link that signs in by GET",
    async () => {
      const h = await harness();
      const r = await h.fetch("/auth/request", {
        method: "POST",
        headers: {
          host: "evil.example",
          "x-forwarded-host": "evil.example",
          origin: h.origin,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ email: USERS.reviewer }).toString(),
      });
      assert.equal(r.status, 303);
      await h.gateway.settled();
      const mail = h.mailer.sent.at(-1)!;
      const code = h.mailer.lastCode(USERS.reviewer)!;
      assert.match(mail.text, new RegExp(`\\b${code}\\b`));
      assert.doesNotMatch(mail.text, /evil\.example/);
      const urls = [...mail.text.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]);
      assert.deepEqual(urls, ["https://reports.example/login"]);
      assert.ok(urls.every((u) => !u.includes(code)));
      await h.close();
    },
  );
  await t.step("states the lifetime in minutes", () => {
    assert.match(codeEmail("a@b.c", "012345", "https://x.example", 10).text, /expires in 10 minutes/);
  });
});

Deno.test("httpApiMailer()", async (t) => {
  const received: { path: string; headers: Headers; body: unknown }[] = [];
  let status = 200;
  const fake = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    received.push({
      path: new URL(request.url).pathname,
      headers: request.headers,
      body: await request.json(),
    });
    return new Response(JSON.stringify({ id: "x" }), { status });
  });
  const base = `http://127.0.0.1:${fake.addr.port}`;
  const message = { to: "a@example.com", subject: "Your Lodestar sign-in code", text: "code 123456" };

  await t.step("Resend style: bearer key and {from, to[], subject, text}", async () => {
    const mailer = httpApiMailer({
      provider: "resend",
      apiKey: "re_test_key",
      from: "Lodestar <l@x.example>",
      endpoint: `${base}/emails`,
    });
    await mailer.send(message);
    const got = received.at(-1)!;
    assert.equal(got.path, "/emails");
    assert.equal(got.headers.get("authorization"), "Bearer re_test_key");
    assert.deepEqual(got.body, {
      from: "Lodestar <l@x.example>",
      to: ["a@example.com"],
      subject: message.subject,
      text: "code 123456",
    });
  });
  await t.step("Postmark style: server token header and {From, To, Subject, TextBody}", async () => {
    const mailer = httpApiMailer({
      provider: "postmark",
      apiKey: "POSTMARK_API_TEST",
      from: "l@x.example",
      endpoint: `${base}/email`,
    });
    await mailer.send(message);
    const got = received.at(-1)!;
    assert.equal(got.headers.get("x-postmark-server-token"), "POSTMARK_API_TEST");
    assert.deepEqual(got.body, {
      From: "l@x.example",
      To: "a@example.com",
      Subject: message.subject,
      TextBody: "code 123456",
      MessageStream: "outbound",
    });
  });
  await t.step("an HTTP 500 throws an error naming the status, not the key", async () => {
    status = 500;
    const mailer = httpApiMailer({
      provider: "resend",
      apiKey: "re_secret_value",
      from: "l@x.example",
      endpoint: `${base}/emails`,
    });
    await assert.rejects(() => mailer.send(message), (error: Error) => {
      assert.match(error.message, /HTTP 500/);
      assert.doesNotMatch(error.message, /re_secret_value/);
      return true;
    });
  });
  await fake.shutdown();
});

Deno.test("outboxMailer()", async () => {
  const dir = await Deno.makeTempDir();
  await outboxMailer(dir, () => 0).send({ to: "a@example.com", subject: "S", text: "code 654321" });
  const files = [...Deno.readDirSync(dir)].map((e) => e.name);
  assert.deepEqual(files, ["1970-01-01T00-00-00.000Z-0-a@example.com.txt"]);
  assert.equal(
    await Deno.readTextFile(`${dir}/${files[0]}`),
    "To: a@example.com\nSubject: S\n\ncode 654321\n",
  );
  await Deno.remove(dir, { recursive: true });
});
