/** redactText() and careContextOf(): identifiers removed, only care fields kept. */
import assert from "node:assert/strict";
import fc from "fast-check";
import { careContextOf, redactText } from "../../loaders/genai/redact.ts";

Deno.test("redactText()", async (t) => {
  const cases: [string, string][] = [
    ["mail ann.lee+x@example.org now", "mail [removed] now"],
    ["SSN 123-45-6789", "SSN [removed]"],
    ["call (555) 867-5309 or 555.867.5309", "call [removed] or [removed]"],
    ["MBI 1EG4-TE5-MK73", "MBI [removed]"],
    ["born 1951-03-09 or 3/9/1951 or March 9, 1951", "born [removed] or [removed] or [removed]"],
    ["lives at 14 Elm Street in 62704-1234", "lives at [removed] in [removed]"],
    ["Which gaps are open for 2 measures?", "Which gaps are open for 2 measures?"],
  ];
  for (const [input, output] of cases) {
    await t.step(JSON.stringify(input), () => assert.equal(redactText(input).text, output));
  }
  await t.step("removes the member's own id and name words, whole words only", () => {
    const r = redactText("Is M000123 (Ann Lee) due? Annual visit for Lee?", ["M000123", "Ann Lee"]);
    assert.equal(r.text, "Is [removed] ([removed]) due? Annual visit for [removed]?");
    assert.equal(r.removed, 3);
  });
});

Deno.test("careContextOf()", async (t) => {
  await t.step("keeps gaps, risk score and reasons; drops every other field", () => {
    const { care, known } = careContextOf({
      member_id: "M1",
      name: "Ann Lee",
      notes: "call her at home",
      gaps: [{ measure_key: "bcs", measure_name: "Breast Cancer Screening", days_left: 30, extra: "x" }],
      risk_score: 0.5,
      reasons: [{ reason: "Ann Lee had 3 ER visits", value: 3 }],
    });
    assert.deepEqual(care, {
      gaps: [{ measure_key: "bcs", measure_name: "Breast Cancer Screening", days_left: 30 }],
      risk_score: 0.5,
      reasons: [{ reason: "[removed] had 3 ER visits", value: 3 }],
    });
    assert.deepEqual(known, ["M1", "Ann Lee"]);
  });
  await t.step("names the bad field", () => {
    assert.throws(() => careContextOf({ gaps: [{ measure_key: "bcs" }] }), /member\.gaps\[0\]\.measure_name/);
    assert.throws(() => careContextOf({ risk_score: "high" }), /member\.risk_score must be a number/);
    assert.throws(() => careContextOf({ gaps: "bcs" }), /member\.gaps must be a list/);
  });
});

Deno.test("redactText() removes generated identifiers anywhere in a question (property)", () => {
  const digits = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
  const identifier = fc.oneof(
    fc.tuple(digits(3), digits(3), digits(4)).map(([a, b, c]) => `${a}-${b}-${c}`),
    fc.tuple(digits(3), digits(2), digits(4)).map(([a, b, c]) => `${a}-${b}-${c}`),
    fc.tuple(
      fc.integer({ min: 1900, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`),
    fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z]{1,8}$/)).map(([u, d]) =>
      `${u}@${d}.org`
    ),
  );
  fc.assert(
    fc.property(
      fc.constantFrom("Is", "Can we call", "Why does"),
      identifier,
      fc.constantFrom("due?", "open a gap?"),
      (a, id, b) => {
        const { text, removed } = redactText(`${a} ${id} ${b}`);
        assert.equal(text, `${a} [removed] ${b}`);
        assert.equal(removed, 1);
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});
