import assert from "node:assert/strict";
import { ACTIONS_CSV } from "../../../loaders/utilization/build.ts";
import { companyActions, parseRules } from "../../../loaders/utilization/actions.ts";
import { parseCsv } from "../../../src/lib/stars/csv.ts";

const HEADER = "action_id,metric,operator,threshold,min_window_member_months,priority,action,rationale";
const METRICS = new Set(["ivi", "avoidable_er_share_cred"]);

Deno.test("parseCsv()", () => {
  assert.deepEqual(parseCsv('a,b\n"x, y","say ""hi"""\r\n'), [["a", "b"], ["x, y", 'say "hi"']]);
});

Deno.test("parseRules()", async (t) => {
  await t.step("the shipped library parses against the KPI and feature columns", async () => {
    const text = await Deno.readTextFile(ACTIONS_CSV);
    const metrics = new Set([
      "ivi",
      "ivi_change_3m",
      "avoidable_er_share_cred",
      "avoidable_er_per_1000_cred",
      "first_contact_to_er_log",
      "admissions_per_1000_cred",
      "er_unclassified_share",
    ]);
    const rules = parseRules(text, "utilization_actions.csv", metrics);
    assert.equal(rules.length, 7);
    assert.deepEqual(rules[0]!.action_id, "account_manager_alert");
    assert.equal(rules[0]!.threshold, 55);
  });
  await t.step("bad rows name file, row, column, value and what was expected", () => {
    assert.throws(
      () => parseRules(`${HEADER}\nx,unknown_metric,<,1,0,1,do it,why`, "rules.csv", METRICS),
      /Cannot read rules.csv row 2: "metric" is not a known figure .* \(got "unknown_metric"\)/,
    );
    assert.throws(
      () => parseRules(`${HEADER}\nx,ivi,=<,1,0,1,do it,why`, "rules.csv", METRICS),
      /row 2: "operator" is not one of < <= > >= \(got "=<"\)/,
    );
    assert.throws(
      () => parseRules(`${HEADER}\nx,ivi,<,low,0,1,do it,why`, "rules.csv", METRICS),
      /row 2: "threshold" is not a number \(got "low"\)/,
    );
    assert.throws(() => parseRules(`action,metric\n`, "rules.csv", METRICS), /the header must be/);
  });
});

Deno.test("companyActions()", () => {
  const rules = parseRules(
    `${HEADER}\nalert,ivi,<,55,0,1,Alert,IVI low\nguide,avoidable_er_share_cred,>=,0.6,150,2,Guide,share high`,
    "rules.csv",
    METRICS,
  );
  const actions = companyActions([
    // fires both
    {
      company_id: "A",
      year_month: "2024-01",
      window_member_months: 300,
      ivi: 50,
      avoidable_er_share_cred: 0.6,
    },
    // share high but too small for the exposure floor; IVI exactly 55 is not < 55
    {
      company_id: "B",
      year_month: "2024-01",
      window_member_months: 100,
      ivi: 55,
      avoidable_er_share_cred: 0.9,
    },
    // missing figure: no action
    {
      company_id: "C",
      year_month: "2024-01",
      window_member_months: 900,
      ivi: null,
      avoidable_er_share_cred: 0.1,
    },
  ], rules);
  assert.deepEqual(actions.map((a) => [a.company_id, a.action_id, a.value]), [["A", "alert", 50], [
    "A",
    "guide",
    0.6,
  ]]);
});
