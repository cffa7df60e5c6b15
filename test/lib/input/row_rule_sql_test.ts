import assert from "node:assert/strict";
import { ELIGIBILITY, MEDICAL_CLAIMS, MEMBERS } from "../../../src/lib/input/schema.ts";
import { conditionSql, messageSql, rowRulesSql, valueTextSql } from "../../../src/lib/input/row_rule_sql.ts";
import type { RowRule } from "../../../src/lib/input/row_rules.ts";

Deno.test("rowRulesSql()", async (t) => {
  await t.step(
    "eligibility: one select, the end date reported as text, the start date in the expected text",
    () => {
      assert.equal(
        rowRulesSql(ELIGIBILITY, (c) => (c === "enrollment_end_date" ? "END DT" : c)),
        `-- grain: one problem per eligibility row, valid otherwise, per row rule it breaks.
insert into input_problems
select
  p.n
  , 1000
  , 'END DT'
  , strftime(p."enrollment_end_date", '%Y-%m-%d')
  , 'enrollment_end_date before enrollment_start_date'
  , concat('on or after ', strftime(p."enrollment_start_date", '%Y-%m-%d'))
from input_parsed as p
where p."enrollment_end_date" < p."enrollment_start_date"
  and not exists (select 1 from input_problems as q where q.n = p.n)`,
      );
    },
  );

  await t.step("members: the two line-of-business rules in one statement, ords 1000 and 1001", () => {
    assert.equal(
      rowRulesSql(MEMBERS, (c) => c),
      `-- grain: one problem per members row, valid otherwise, per row rule it breaks.
insert into input_problems
select
  p.n
  , 1000
  , 'company_id'
  , p."company_id"
  , 'commercial member without company_id'
  , 'a company_id when line_of_business is commercial'
from input_parsed as p
where p."line_of_business" = 'commercial' and p."company_id" is null
  and not exists (select 1 from input_problems as q where q.n = p.n)
union all
select
  p.n
  , 1001
  , 'contract_id'
  , p."contract_id"
  , 'Medicare Advantage member without contract_id'
  , 'a contract_id when line_of_business is medicare_advantage'
from input_parsed as p
where p."line_of_business" = 'medicare_advantage' and p."contract_id" is null
  and not exists (select 1 from input_problems as q where q.n = p.n)`,
    );
  });

  await t.step("a table without rules gives no statement", () => {
    assert.equal(rowRulesSql(MEDICAL_CLAIMS, (c) => c), null);
  });

  await t.step("labels and literals are quoted; a label with a quote cannot end the string", () => {
    const sql = rowRulesSql(ELIGIBILITY, () => "end'; drop table x; --")!;
    assert.match(sql, /, 'end''; drop table x; --'\n/);
  });
});

Deno.test("conditionSql()", async (t) => {
  await t.step("order: the later column below the earlier one", () => {
    assert.equal(
      conditionSql(ELIGIBILITY, {
        kind: "order",
        before: "enrollment_start_date",
        after: "enrollment_end_date",
      }),
      `p."enrollment_end_date" < p."enrollment_start_date"`,
    );
  });

  await t.step("requiredWhen: the literal is escaped", () => {
    assert.equal(
      conditionSql(MEMBERS, {
        kind: "requiredWhen",
        column: "company_id",
        when: { column: "region", equals: "O'Hara" },
      }),
      `p."region" = 'O''Hara' and p."company_id" is null`,
    );
  });

  await t.step("a column the table lacks is refused, naming the table, the column and what exists", () => {
    assert.throws(
      () => conditionSql(MEMBERS, { kind: "order", before: "birth_date", after: "enrollment_end_date" }),
      /Cannot render a row rule of members: no column "enrollment_end_date"; expected one of member_id, subscriber_id, /,
    );
  });
});

Deno.test("valueTextSql() and messageSql()", async (t) => {
  await t.step("dates as YYYY-MM-DD, text as it is, other types cast to varchar", () => {
    assert.equal(valueTextSql(MEMBERS, "birth_date"), `strftime(p."birth_date", '%Y-%m-%d')`);
    assert.equal(valueTextSql(MEMBERS, "town"), `p."town"`);
    assert.equal(valueTextSql(MEMBERS, "dual_eligible"), `p."dual_eligible"::varchar`);
  });

  await t.step("fixed text only is one literal; with a column, a concat", () => {
    assert.equal(messageSql(MEMBERS, ["a ", "b"]), `'a b'`);
    assert.equal(
      messageSql(MEMBERS, ["born ", { column: "birth_date" }, " in ", { column: "town" }]),
      `concat('born ', strftime(p."birth_date", '%Y-%m-%d'), ' in ', p."town")`,
    );
  });

  await t.step("a message column the table lacks is refused", () => {
    assert.throws(() => messageSql(MEMBERS, [{ column: "nope" }]), /no column "nope"/);
  });

  await t.step("rules passed in replace the shipped ones", () => {
    const rule: RowRule = {
      table: "members",
      column: "death_date",
      reason: "death before birth",
      expected: ["on or after ", { column: "birth_date" }],
      condition: { kind: "order", before: "birth_date", after: "death_date" },
    };
    const sql = rowRulesSql(MEMBERS, (c) => c, [rule])!;
    assert.match(sql, /where p."death_date" < p."birth_date"\n/);
    assert.equal(sql.match(/^select$/gm)?.length, 1);
  });
});
