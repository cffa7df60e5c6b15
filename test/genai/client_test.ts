/**
 * The real `@google/genai` SDK against a local fake Gemini server on 127.0.0.1: a good reply is used
 * as is; malformed JSON, an invented figure, a timeout, HTTP 429 and safety blocks each end in the
 * rule-library answer with a note, and that answer passes the same schema check.
 */
import assert from "node:assert/strict";
import { clientFromEnv, geminiClient } from "../../loaders/genai/client.ts";
import { ruleRecommend } from "../../loaders/genai/rules.ts";
import { type Answer, checkReply, type Context } from "../../loaders/genai/schema.ts";
import { type FakeBehaviour, startFakeGemini } from "./fake_gemini.ts";
import { BCS, GOOD_BCS_REPLY, MEMBER } from "./fixtures.ts";

function assertChecked(answer: Answer, context: Context): void {
  const { source, note: _note, refused: _refused, ...reply } = answer;
  const checked = checkReply(JSON.stringify(reply), context, source);
  assert.ok(checked.ok, checked.ok ? "" : checked.reason);
}

async function withFake(
  behaviour: FakeBehaviour,
  run: (client: ReturnType<typeof geminiClient>, logs: string[]) => Promise<void>,
): Promise<number> {
  const fake = startFakeGemini(behaviour);
  const logs: string[] = [];
  try {
    const client = geminiClient({
      apiKey: "test-key",
      model: "gemini-test",
      baseUrl: fake.baseUrl,
      timeoutMs: 300,
      log: (l) => logs.push(l),
    });
    await run(client, logs);
    return fake.requests.length;
  } finally {
    await fake.close();
  }
}

Deno.test("geminiClient()", async (t) => {
  await t.step("uses a good reply, sending the schema and the context", async () => {
    const fake = startFakeGemini({ kind: "text", text: GOOD_BCS_REPLY });
    const client = geminiClient({
      apiKey: "k",
      model: "gemini-test",
      baseUrl: fake.baseUrl,
      timeoutMs: 2000,
    });
    const answer = await client.recommend(BCS);
    await fake.close();
    assert.equal(answer.source, "gemini-test");
    assert.equal(answer.note, undefined);
    assert.deepEqual(answer.figures_used, ["members_needed", "overall_star_effect"]);
    assert.equal(fake.requests.length, 1);
    assert.match(fake.requests[0]!.path, /\/models\/gemini-test:generateContent$/);
    const body = JSON.stringify(fake.requests[0]!.body);
    assert.match(body, /responseJsonSchema/);
    assert.match(body, /members_needed/);
    assertChecked(answer, BCS);
  });

  const failures: [string, FakeBehaviour, RegExp][] = [
    ["malformed JSON", { kind: "text", text: '{"actions": [' }, /not JSON/],
    ["a wrong shape", { kind: "text", text: '{"actions": []}' }, /1 to 5/],
    [
      "an invented figure",
      { kind: "text", text: GOOD_BCS_REPLY.replace("by 0.5", "by 0.75") },
      /a number in expected_effect is not a context figure/,
    ],
    [
      "an unknown figure name",
      { kind: "text", text: GOOD_BCS_REPLY.replace('"overall_star_effect"]', '"member_count"]') },
      /names 1 unknown figure/,
    ],
    [
      "a link in the text",
      { kind: "text", text: GOOD_BCS_REPLY.replace("They close the gap", "See https://evil.example") },
      /unsafe content/,
    ],
    ["a timeout", { kind: "slow", delayMs: 3000, text: GOOD_BCS_REPLY }, /timed out/],
    ["HTTP 429", { kind: "status", status: 429, message: "Resource has been exhausted" }, /HTTP 429/],
    ["HTTP 500", { kind: "status", status: 500, message: "internal" }, /HTTP 500/],
    ["a blocked prompt", { kind: "blocked", reason: "SAFETY" }, /blocked \(SAFETY\)/],
    ["a safety stop", { kind: "text", text: "", finishReason: "SAFETY" }, /stopped early \(SAFETY\)/],
  ];
  for (const [name, behaviour, note] of failures) {
    await t.step(`falls back to the rule library on ${name}`, async () => {
      const calls = await withFake(behaviour, async (client, logs) => {
        const answer = await client.recommend(BCS);
        assert.equal(answer.source, "rules");
        assert.match(answer.note ?? "", note);
        assert.match(answer.note ?? "", /Rule-library answer shown/);
        assert.doesNotMatch(answer.note ?? "", /evil|0\.75|member_count/, "the note never quotes the reply");
        const { note: _n, ...rules } = answer;
        assert.deepEqual(rules, ruleRecommend(BCS));
        assertChecked(answer, BCS);
        assert.equal(logs.length, 1);
        assert.doesNotMatch(logs[0]!, /Breast Cancer|37/, "the log carries no reply or context text");
      });
      assert.equal(calls, 1, "a single attempt, no retries");
    });
  }

  await t.step("refuses an out-of-scope question without calling the model", async () => {
    const calls = await withFake({ kind: "text", text: GOOD_BCS_REPLY }, async (client) => {
      const answer = await client.answer("List all members with diabetes and their phone numbers", MEMBER);
      assert.equal(answer.refused, true);
      assert.deepEqual(answer.actions, []);
    });
    assert.equal(calls, 0);
  });

  await t.step(
    "a member answer with the fake's reply falls back when it cites figures not given",
    async () => {
      await withFake({ kind: "text", text: GOOD_BCS_REPLY }, async (client) => {
        const answer = await client.answer("What are the next steps for this member's gaps?", MEMBER);
        assert.equal(answer.source, "rules");
        assert.match(answer.note ?? "", /unknown figure/);
        assertChecked(answer, MEMBER);
      });
    },
  );
});

Deno.test("clientFromEnv()", async (t) => {
  await t.step("is the rule library without a key", () => {
    assert.equal(clientFromEnv(() => undefined).model, "rules");
  });
  await t.step("is Gemini with a key, default model", () => {
    const env: Record<string, string> = { LODESTAR_GEMINI_API_KEY: "k" };
    assert.equal(clientFromEnv((n) => env[n]).model, "gemini-2.5-flash");
  });
  await t.step("rejects a bad timeout with the value", () => {
    const env: Record<string, string> = { LODESTAR_GEMINI_API_KEY: "k", LODESTAR_GEMINI_TIMEOUT_MS: "soon" };
    assert.throws(() => clientFromEnv((n) => env[n]), /TIMEOUT_MS.*"soon"/);
  });
});
