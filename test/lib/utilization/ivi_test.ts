import assert from "node:assert/strict";
import {
  IVI_METRICS,
  IVI_OFFSET,
  metricScore,
  normalCdf,
  riskBand,
  scoreIvi,
} from "../../../src/lib/utilization/ivi.ts";

const close = (a: number, b: number, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);
const zeros = () => Object.fromEntries(IVI_METRICS.map((m) => [m.name, 0]));

Deno.test("normalCdf()", () => {
  // standard normal table: Φ(0.5) = 0.691462, Φ(1.5) = 0.933193, Φ(−0.5) = 0.308538, Φ(1.96) = 0.975002
  close(normalCdf(0.5), 0.691462);
  close(normalCdf(1.5), 0.933193);
  close(normalCdf(-0.5), 0.308538);
  close(normalCdf(1.96), 0.975002);
});

Deno.test("scoreIvi()", async (t) => {
  await t.step("the book-average company scores 100·Φ(δ) = 72.575 (Low)", () => {
    assert.equal(IVI_OFFSET, 0.6);
    const s = scoreIvi(zeros());
    close(s.ivi, 72.574688);
    assert.equal(s.band, "Low");
  });
  await t.step("hand example: worse utilization, better access", () => {
    // U metrics z = +1 (worse): 100·Φ(0.6 − 1) = 34.457826 each → U = 34.457826
    // H metrics z = 0: 100·Φ(0.6) = 72.574688 → H = 72.574688
    // E metrics z = +1 (better, d = −1): 100·Φ(0.6 + 1) = 94.520071 → E = 94.520071
    // IVI = 0.5·34.457826 + 0.2·72.574688 + 0.3·94.520071 = 17.228913 + 14.514938 + 28.356021 = 60.099872
    const z = zeros();
    for (const m of IVI_METRICS) if (m.component !== "H") z[m.name] = 1;
    const s = scoreIvi(z);
    close(s.components.U!, 34.457826);
    close(s.components.E!, 94.520071);
    close(s.ivi, 60.099872);
    close(s.contributions.U + s.contributions.H + s.contributions.E, s.ivi, 1e-9);
    assert.equal(s.band, "Medium");
  });
  await t.step("a missing component renormalises the weights", () => {
    // H missing: IVI = (0.5·U + 0.3·E)/0.8 with U = E = 72.574688 → 72.574688
    const z: Record<string, number | null> = zeros();
    for (const m of IVI_METRICS) if (m.component === "H") z[m.name] = null;
    const s = scoreIvi(z);
    assert.equal(s.components.H, null);
    close(s.ivi, 72.574688);
    assert.throws(() => scoreIvi({}), /no metric has a value/);
  });
});

Deno.test("riskBand()", () => {
  assert.equal(riskBand(54.999), "High");
  assert.equal(riskBand(55), "Medium");
  assert.equal(riskBand(69.999), "Medium");
  assert.equal(riskBand(70), "Low");
  assert.throws(() => riskBand(NaN), /not a number/);
  close(metricScore(0, 1), 72.574688);
});
