import assert from "node:assert/strict";
import { inPool } from "./pool.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

Deno.test("inPool()", async (t) => {
  await t.step("returns each item's result in the items' order, however long each takes", async () => {
    const delays = [5, 1, 3, 0, 2];
    const results = inPool(delays, 2, async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `waited ${ms}`;
    });
    assert.deepEqual(await Promise.all(results), delays.map((ms) => `waited ${ms}`));
  });

  await t.step("never has more than `size` items in progress, and starts them in order", async () => {
    let running = 0, most = 0;
    const started: number[] = [];
    const results = inPool([0, 1, 2, 3, 4, 5, 6], 3, async (n) => {
      started.push(n);
      most = Math.max(most, ++running);
      for (let i = 0; i < 3 + (n % 2); i++) await tick();
      running--;
      return n;
    });
    await Promise.all(results);
    assert.equal(most, 3);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
  });

  await t.step("a failing item rejects only its own promise; the rest still run", async () => {
    const results = inPool(["a", "b", "c"], 1, (s) => {
      if (s === "b") return Promise.reject(new Error(`item ${s} failed`));
      return Promise.resolve(s.toUpperCase());
    });
    assert.equal(await results[0], "A");
    await assert.rejects(results[1]!, /item b failed/);
    assert.equal(await results[2], "C");
  });

  await t.step("a failure no one has awaited yet is not an unhandled rejection", async () => {
    const results = inPool([1], 1, () => Promise.reject(new Error("later")));
    for (let i = 0; i < 5; i++) await tick();
    await assert.rejects(results[0]!, /later/);
  });

  await t.step("rejects a size that is not a positive integer", () => {
    assert.throws(
      () => inPool([1], 0, () => Promise.resolve(1)),
      /size must be a positive integer \(got 0\)/,
    );
    assert.throws(() => inPool([1], 1.5, () => Promise.resolve(1)), /got 1\.5/);
  });
});
