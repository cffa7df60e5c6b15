import assert from "node:assert/strict";
import { brierScore } from "../../../models/metrics/brier_score.ts";
import { pairedBootstrap } from "../../../models/metrics/paired_bootstrap.ts";
import { rocAuc } from "../../../models/metrics/roc_auc.ts";

let state = 5;
const u = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const y = Array.from({ length: 400 }, () => (u() < 0.3 ? 1 : 0));
const good = y.map((v) => Math.min(1, Math.max(0, 0.3 + 0.4 * (v - 0.3) + 0.2 * (u() - 0.5))));
const noise = y.map(() => u());
const auc = (
  yy: readonly number[],
  p: readonly number[],
) => (yy.includes(0) && yy.includes(1) ? rocAuc(yy, p) : null);

Deno.test("pairedBootstrap()", async (t) => {
  await t.step("the same predictor twice differs by exactly 0", () => {
    assert.deepEqual(pairedBootstrap(auc, y, good, good), {
      difference: 0,
      lower: 0,
      upper: 0,
      replicates: 200,
    });
  });
  await t.step(
    "a clearly better predictor has an interval above 0 that holds the observed difference",
    () => {
      const d = pairedBootstrap(auc, y, good, noise)!;
      assert.equal(d.difference, rocAuc(y, good) - rocAuc(y, noise));
      assert.ok(d.lower > 0 && d.lower < d.difference && d.difference < d.upper, JSON.stringify(d));
    },
  );
  await t.step("two unrelated noise predictors are not clearly different", () => {
    const other = y.map(() => u());
    const d = pairedBootstrap((yy, p) => -brierScore(yy, p), y, noise, other)!;
    assert.ok(d.lower < 0 && d.upper > 0, JSON.stringify(d));
  });
  await t.step("the same seed gives the same interval; clusters widen it for correlated rows", () => {
    assert.deepEqual(
      pairedBootstrap(auc, y, good, noise, { seed: 3 }),
      pairedBootstrap(auc, y, good, noise, { seed: 3 }),
    );
    // Every row duplicated 4 times: resampling rows pretends there are 4× as many independent
    // rows; resampling the clusters of copies gives back the width of the original data.
    const y4 = y.flatMap((v) => [v, v, v, v]), g4 = good.flatMap((v) => [v, v, v, v]);
    const n4 = noise.flatMap((v) => [v, v, v, v]);
    const clusters = y.flatMap((_, i) => [`c${i}`, `c${i}`, `c${i}`, `c${i}`]);
    const rows = pairedBootstrap(auc, y4, g4, n4)!;
    const grouped = pairedBootstrap(auc, y4, g4, n4, { clusters })!;
    assert.ok(
      grouped.upper - grouped.lower > 1.5 * (rows.upper - rows.lower),
      `${JSON.stringify(rows)} ${JSON.stringify(grouped)}`,
    );
  });
  await t.step("an undefined metric gives null", () => {
    assert.equal(pairedBootstrap(auc, [1, 1], [0.2, 0.3], [0.1, 0.4]), null);
  });
});
