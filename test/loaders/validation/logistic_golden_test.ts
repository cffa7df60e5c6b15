import assert from "node:assert/strict";
import { logisticGoldenAgreement, readLogisticFixture } from "../../../loaders/validation/logistic_golden.ts";

const fixture = (name: string) =>
  readLogisticFixture(
    new URL(`../../input/logistic/${name}.csv`, import.meta.url),
    new URL(`../../golden/logistic/${name}.json`, import.meta.url),
    name,
  );

Deno.test("logisticGoldenAgreement()", async (t) => {
  await t.step("agrees with scikit-learn's committed fits to 1e-6", async () => {
    const a = logisticGoldenAgreement([await fixture("separable"), await fixture("imbalanced")]);
    assert.equal(a.fits, 6);
    assert.ok(a.maxRelativeDiff <= 1e-6, `max relative diff ${a.maxRelativeDiff}`);
  });
  await t.step("sees a planted error of 0.01 in one golden coefficient", async () => {
    const f = await fixture("separable");
    const fit = f.fits[0]!;
    const planted = {
      ...f,
      fits: [{ ...fit, coefficients: [fit.coefficients[0]! + 0.01, ...fit.coefficients.slice(1)] }],
    };
    const a = logisticGoldenAgreement([planted]);
    assert.ok(
      a.maxRelativeDiff > 0.009 && a.maxRelativeDiff < 0.011,
      `max relative diff ${a.maxRelativeDiff}`,
    );
  });
  await t.step("names the row of a fixture cell that is not a number", async () => {
    const dir = await Deno.makeTempDir();
    try {
      await Deno.writeTextFile(`${dir}/bad.csv`, "x1,y\n1,0\nabc,1\n");
      await Deno.writeTextFile(`${dir}/bad.json`, '{"fits": []}');
      await assert.rejects(() => readLogisticFixture(`${dir}/bad.csv`, `${dir}/bad.json`, "bad"), /row 3/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  });
});
