import assert from "node:assert/strict";
import { parseContractFinance } from "../../../loaders/stars/contract_finance.ts";

const HEADER = "contract_id,benchmark_pmpm,bid_pmpm,members,double_bonus_county_share\n";

Deno.test("parseContractFinance()", async (t) => {
  await t.step("reads the shipped file: a default row and the synthetic contracts", () => {
    const path = new URL("../../../data/synthetic/contract_finance.csv", import.meta.url);
    const rows = parseContractFinance(Deno.readTextFileSync(path), "contract_finance.csv");
    assert.deepEqual(rows.get("*"), {
      benchmarkPmpm: 1150,
      bidPmpm: 950,
      members: null,
      doubleBonusShare: 0.25,
    });
    for (const [id, r] of rows) {
      assert.ok(r.bidPmpm < r.benchmarkPmpm, `${id}: bids below the benchmark earn a rebate`);
    }
  });
  await t.step("members given in the file", () => {
    assert.equal(
      parseContractFinance(HEADER + "H0001,1000,900,5000,0\n", "f.csv").get("H0001")!.members,
      5000,
    );
  });
  await t.step("bad values name the file, row, column and value", () => {
    assert.throws(
      () => parseContractFinance(HEADER + "H0001,1000,900,,1.5\n", "f.csv"),
      /Cannot read f.csv row 2: "double_bonus_county_share" must be a number from 0 to 1 \("1.5"\)/,
    );
    assert.throws(
      () => parseContractFinance(HEADER + "H0001,abc,900,,0\n", "f.csv"),
      /row 2: "benchmark_pmpm" must be a number from 0 to ∞ \("abc"\)/,
    );
    assert.throws(
      () => parseContractFinance(HEADER + "X1,1000,900,,0\n", "f.csv"),
      /"contract_id" must be like H1234/,
    );
    assert.throws(
      () => parseContractFinance(HEADER + "H0001,1,1,,0\nH0001,1,1,,0\n", "f.csv"),
      /row 3: contract "H0001" appears twice/,
    );
    assert.throws(
      () => parseContractFinance("contract_id,bid_pmpm\n", "f.csv"),
      /column "benchmark_pmpm" is missing/,
    );
  });
});
