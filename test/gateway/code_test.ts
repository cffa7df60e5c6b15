/**
 * Code generation: six digits, uniform (chi-square over 10⁵ codes, first digit and last digit),
 * rejection sampling at the documented bound, and no `Math.random` in the gateway (reference T1).
 */
import assert from "node:assert/strict";
import { ACCEPT_BELOW, generateCode, isCodeShaped } from "../../gateway/code.ts";

Deno.test("generateCode()", async (t) => {
  await t.step("rejects draws at or above 4,294,000,000 and reduces the rest mod 10⁶", () => {
    assert.equal(ACCEPT_BELOW, 4_294_000_000);
    const draws = [4_294_967_295, 4_294_000_000, 4_293_999_999];
    const random = (out: Uint32Array) => {
      out[0] = draws.shift()!;
      return out;
    };
    assert.equal(generateCode(random), "999999");
    assert.deepEqual(draws, []);
    assert.equal(generateCode((out) => (out[0] = 7, out)), "000007");
  });
  await t.step("T1: 10⁵ codes are six digits with uniform first and last digits (chi-square, 9 df)", () => {
    const first = new Array(10).fill(0);
    const last = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const code = generateCode();
      assert.ok(isCodeShaped(code));
      first[Number(code[0])]++;
      last[Number(code[5])]++;
    }
    const chi = (counts: number[]) => counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    // 99.9th percentile of chi-square with 9 degrees of freedom is 27.88.
    assert.ok(chi(first) < 27.88, `first digit chi-square ${chi(first)}`);
    assert.ok(chi(last) < 27.88, `last digit chi-square ${chi(last)}`);
  });
  await t.step("T1: no Math.random anywhere in the gateway", async () => {
    for await (const entry of Deno.readDir(new URL("../../gateway/", import.meta.url))) {
      const text = await Deno.readTextFile(new URL(`../../gateway/${entry.name}`, import.meta.url));
      assert.ok(!/Math\.random/.test(text), entry.name);
    }
  });
});
