import assert from "node:assert/strict";
import type { Value } from "../../../src/lib/input/parse_values.ts";
import { breaksCondition, checkRowRules, messageText } from "../../../src/lib/input/row_rule_check.ts";
import type { RowRule } from "../../../src/lib/input/row_rules.ts";

const row = (values: Record<string, Value>) => (column: string): Value => values[column] ?? null;

Deno.test("checkRowRules()", async (t) => {
  await t.step(
    "eligibility: an end before the start is reported against the end, start in the expected text",
    () => {
      assert.deepEqual(
        checkRowRules(
          "eligibility",
          row({ enrollment_start_date: "2024-07-01", enrollment_end_date: "2024-06-30" }),
        ),
        [{
          column: "enrollment_end_date",
          value: "2024-06-30",
          reason: "enrollment_end_date before enrollment_start_date",
          expected: "on or after 2024-07-01",
        }],
      );
    },
  );

  await t.step("eligibility: a one-day span (end = start) and a later end keep the rule", () => {
    assert.deepEqual(
      checkRowRules(
        "eligibility",
        row({ enrollment_start_date: "2024-07-01", enrollment_end_date: "2024-07-01" }),
      ),
      [],
    );
    assert.deepEqual(
      checkRowRules(
        "eligibility",
        row({ enrollment_start_date: "2023-12-31", enrollment_end_date: "2024-01-01" }),
      ),
      [],
    );
  });

  await t.step("eligibility: a missing start or end is not an order problem", () => {
    assert.deepEqual(checkRowRules("eligibility", row({ enrollment_end_date: "2024-06-30" })), []);
    assert.deepEqual(checkRowRules("eligibility", row({ enrollment_start_date: "2024-06-30" })), []);
  });

  await t.step(
    "members: commercial without company, MA without contract; the other group is not needed",
    () => {
      assert.deepEqual(
        checkRowRules("members", row({ line_of_business: "commercial", contract_id: "H1234" })),
        [{
          column: "company_id",
          value: null,
          reason: "commercial member without company_id",
          expected: "a company_id when line_of_business is commercial",
        }],
      );
      assert.deepEqual(
        checkRowRules("members", row({ line_of_business: "medicare_advantage", company_id: "C1" })),
        [{
          column: "contract_id",
          value: null,
          reason: "Medicare Advantage member without contract_id",
          expected: "a contract_id when line_of_business is medicare_advantage",
        }],
      );
      assert.deepEqual(
        checkRowRules("members", row({ line_of_business: "commercial", company_id: "C1" })),
        [],
      );
      assert.deepEqual(
        checkRowRules("members", row({ line_of_business: "medicare_advantage", contract_id: "H1" })),
        [],
      );
    },
  );

  await t.step("members: an empty string is a value (cells are cleaned to null before the rules run)", () => {
    assert.deepEqual(checkRowRules("members", row({ line_of_business: "commercial", company_id: "" })), []);
  });

  await t.step("members: another line of business, or none, needs neither group", () => {
    assert.deepEqual(checkRowRules("members", row({ line_of_business: "medicaid" })), []);
    assert.deepEqual(checkRowRules("members", row({ line_of_business: "Commercial" })), []);
    assert.deepEqual(checkRowRules("members", row({})), []);
  });

  await t.step("a table without rules has no problems", () => {
    assert.deepEqual(checkRowRules("medical_claims", row({ claim_id: "X" })), []);
  });

  await t.step("several rules of a table are all reported, in rule order", () => {
    const rules: RowRule[] = [
      {
        table: "t",
        column: "b",
        reason: "b before a",
        expected: ["at least ", { column: "a" }],
        condition: { kind: "order", before: "a", after: "b" },
      },
      {
        table: "t",
        column: "c",
        reason: "no c",
        expected: ["a c"],
        condition: { kind: "requiredWhen", column: "c", when: { column: "kind", equals: "x" } },
      },
    ];
    assert.deepEqual(
      checkRowRules("t", row({ a: 5, b: 3, kind: "x" }), rules).map((p) => [p.column, p.value, p.expected]),
      [["b", "3", "at least 5"], ["c", null, "a c"]],
    );
  });
});

Deno.test("breaksCondition()", async (t) => {
  await t.step("order compares numbers as numbers", () => {
    const order = { kind: "order", before: "a", after: "b" } as const;
    assert.equal(breaksCondition(order, row({ a: 10, b: 9 })), true);
    assert.equal(breaksCondition(order, row({ a: 9, b: 10 })), false);
    assert.equal(breaksCondition(order, row({ a: 10, b: 10 })), false);
  });
});

Deno.test("messageText()", async (t) => {
  await t.step("column parts read as their value's text, null as empty", () => {
    assert.equal(
      messageText(["x=", { column: "x" }, ", y=", { column: "y" }], row({ x: true })),
      "x=true, y=",
    );
  });
});
