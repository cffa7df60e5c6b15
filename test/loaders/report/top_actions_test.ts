import assert from "node:assert/strict";
import {
  type CompanyAction,
  topActions,
  type WeakMeasureAction,
} from "../../../loaders/report/top_actions.ts";

const weak = (
  contract_id: string,
  measure_key: string,
  over: Partial<WeakMeasureAction> = {},
): WeakMeasureAction => ({
  contract_id,
  measure_key,
  measure_id: "C01",
  measure_name: measure_key,
  rank: 1,
  members_to_next_star: 5,
  stars_at_stake_per_100: 20,
  value_gain: 0.02,
  rating_before: 3,
  rating_after: 3,
  revenue_change_per_year: 0,
  crosses_four_stars: false,
  action: `act on ${measure_key}`,
  expected_effect: "",
  ...over,
});
const company = (company_id: string, risk_rank: number): CompanyAction => ({
  company_id,
  company_name: company_id,
  predicted_month: "2026-10",
  probability: 0.6,
  risk_rank,
  action: `call ${company_id}`,
  expected_effect: "",
});
const keys = (xs: ReturnType<typeof topActions>) =>
  xs.map((a) => a.kind === "company" ? a.company_id : `${a.contract_id}/${a.measure_key}`);

Deno.test("topActions()", async (t) => {
  await t.step("orders star actions by revenue, 4★ crossing, half-star gain, value gain, then rank", () => {
    const list = [
      weak("H1", "a", { rank: 1 }),
      weak("H1", "b", { rank: 2, value_gain: 0.05 }),
      weak("H1", "c", { rank: 3, rating_after: 3.5 }),
      weak("H1", "d", { rank: 4, crosses_four_stars: true }),
      weak("H1", "e", { rank: 5, revenue_change_per_year: 1 }),
    ];
    assert.deepEqual(keys(topActions(list, [], 5)), ["H1/e", "H1/d", "H1/c", "H1/b", "H1/a"]);
  });
  await t.step("takes every contract's best measure before any second one", () => {
    const list = [
      weak("H1", "a", { revenue_change_per_year: 9 }),
      weak("H1", "b", { revenue_change_per_year: 8 }),
      weak("H2", "c"),
    ];
    assert.deepEqual(keys(topActions(list, [], 3)), ["H1/a", "H2/c", "H1/b"]);
  });
  await t.step("splits five slots three to stars and two to companies", () => {
    const list = ["a", "b", "c", "d"].map((k) => weak("H1", k));
    const firms = [company("Z", 3), company("X", 1), company("Y", 2)];
    assert.deepEqual(keys(topActions(list, firms)), ["H1/a", "H1/b", "H1/c", "X", "Y"]);
  });
  await t.step("a short list leaves its slots to the other", () => {
    const firms = [company("X", 1), company("Y", 2), company("Z", 3)];
    assert.deepEqual(keys(topActions([weak("H1", "a")], firms)), ["H1/a", "X", "Y", "Z"]);
    assert.deepEqual(
      keys(topActions(["a", "b", "c", "d", "e", "f"].map((k) => weak("H1", k)), [])).length,
      5,
    );
    assert.deepEqual(topActions([], []), []);
  });
  await t.step("rejects a count that is not a whole number", () => {
    assert.throws(() => topActions([], [], 2.5), /Cannot pick 2.5 top actions/);
  });
});
