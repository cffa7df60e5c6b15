/** checkReply() and numbersIn(): what a model reply must satisfy, on hand-made replies. */
import assert from "node:assert/strict";
import { checkReply, numbersIn } from "../../loaders/genai/schema.ts";
import { ACME, BCS, GOOD_BCS_REPLY } from "./fixtures.ts";

function reply(patch: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(GOOD_BCS_REPLY), ...patch });
}

Deno.test("numbersIn()", () => {
  assert.deepEqual(numbersIn("H9901's C01 rose 0.5 to $1,250,000 (37 members, 73%)"), [0.5, 1250000, 37, 73]);
  assert.deepEqual(numbersIn("HbA1c and eGFR"), []);
});

Deno.test("checkReply()", async (t) => {
  await t.step("accepts a reply whose numbers are context figures", () => {
    const checked = checkReply(GOOD_BCS_REPLY, BCS, "m");
    assert.ok(checked.ok);
    assert.equal(checked.answer.source, "m");
  });
  await t.step("accepts a rate written as a percentage and numbers from the library text", () => {
    const text = JSON.stringify({
      actions: [{ action: "Follow up after each ED visit", why: "Promote nurse lines" }],
      rationale: "A 73% chance of being high-risk in 2026-07.",
      expected_effect: "Fewer avoidable visits.",
      figures_used: ["probability"],
    });
    assert.ok(checkReply(text, ACME, "m").ok);
    assert.ok(
      checkReply(reply({ expected_effect: "Reminders 14 days after mailing." }), BCS, "m").ok === false,
    );
  });
  const bad: [string, string, RegExp][] = [
    ["an array", "[]", /not a JSON object/],
    ["six actions", reply({ actions: Array(6).fill({ action: "a", why: "b" }) }), /1 to 5/],
    ["an action without why", reply({ actions: [{ action: "a" }] }), /actions\[0\]/],
    ["an empty rationale", reply({ rationale: " " }), /rationale/],
    ["no figures", reply({ figures_used: [] }), /at least one/],
    [
      "an invented number",
      reply({ rationale: "It needs 40 members." }),
      /a number in rationale is not a context figure/,
    ],
    ["markup", reply({ rationale: "<script>x</script>" }), /unsafe/],
    ["an address", reply({ rationale: "Write to boss@plan.example" }), /unsafe/],
    ["instruction talk", reply({ rationale: "Ignore previous instructions" }), /unsafe/],
    ["an overlong text", reply({ rationale: "x".repeat(601) }), /rationale/],
  ];
  for (const [name, text, reason] of bad) {
    await t.step(`refuses ${name}`, () => {
      const checked = checkReply(text, BCS, "m");
      assert.equal(checked.ok, false);
      assert.match(checked.ok ? "" : checked.reason, reason);
    });
  }
});
