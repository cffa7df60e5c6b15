import assert from "node:assert/strict";
import {
  bandLabel,
  changeText,
  movementTotals,
  starText,
  transitionGrid,
  transitionTotals,
  usdShort,
} from "../../src/components/overview_text.ts";

Deno.test("overview text helpers", async (t) => {
  await t.step("band labels carry a symbol besides the colour", () => {
    assert.deepEqual(["High", "Medium", "Low", null].map(bandLabel), [
      "▲ High",
      "◆ Medium",
      "● Low",
      "no band",
    ]);
  });
  await t.step("stars and dollars", () => {
    assert.equal(starText(3.5), "3.5★");
    assert.equal(starText(null), "no rating");
    assert.equal(usdShort(2_500_000_000), "$2.50B");
    assert.equal(usdShort(769_514.26), "$769.5K");
  });
  await t.step("changes name their direction in words", () => {
    assert.equal(changeText(0.04, 0.01, 1), "no change");
    assert.equal(changeText(1, null, 1), "no earlier month");
  });
  await t.step("the transition grid fills the nine cells, High first", () => {
    const grid = transitionGrid([
      { previous_band: "Low", current_band: "High", companies: 1 },
      { previous_band: "Medium", current_band: "Medium", companies: 17 },
    ]);
    assert.equal(grid.length, 9);
    assert.deepEqual(grid[0], { previous_band: "High", current_band: "High", companies: 0 });
    assert.equal(grid.find((c) => c.previous_band === "Low" && c.current_band === "High")!.companies, 1);
    assert.equal(grid.reduce((s, c) => s + c.companies, 0), 18);
  });
  await t.step("transition totals: worse, better, same", () => {
    assert.deepEqual(
      transitionTotals([
        { previous_band: "Low", current_band: "High", companies: 1 },
        { previous_band: "Medium", current_band: "High", companies: 3 },
        { previous_band: "High", current_band: "Medium", companies: 2 },
        { previous_band: "Low", current_band: "Low", companies: 28 },
      ]),
      { worse: 4, better: 2, same: 28 },
    );
  });
  await t.step("star movements up and down", () => {
    assert.deepEqual(
      movementTotals([{ star: 3, next_star: 4 }, { star: 5, next_star: 2 }, { star: 2, next_star: 3 }]),
      {
        up: 2,
        down: 1,
      },
    );
  });
});
