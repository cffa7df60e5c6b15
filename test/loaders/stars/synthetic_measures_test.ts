/**
 * SQL invariants of member_measures and contract_measure_rates on the seeded small synthetic
 * build, an independent recomputation of one numerator, and realism: the synthetic contracts'
 * claims-based rates against CMS's 2026 cut points (printed, with the star each rate earns).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, openDb, queryRows, sqlString } from "../../../loaders/lib/duckdb.ts";
import { pipelineRun } from "../../support/pipeline_run.ts";

/**
 * 2026 Star Ratings cut points (MA-PD), lower bounds of 2★/3★/4★/5★; for PCR (lower is better)
 * the upper bounds of 1★ > a, 2★ > b, 3★ > c, 4★ > d, 5★ ≤ d. Source: CMS 2026 Star Ratings Data
 * Tables, Part C and Part D Cut Points (October 8, 2025).
 */
const CUTS: Record<string, readonly [number, number, number, number]> = {
  bcs: [58, 71, 76, 84],
  col: [48, 60, 70, 78],
  omw: [32, 41, 53, 68],
  eed: [60, 72, 80, 86],
  gsd: [54, 77, 87, 91],
  ked: [34, 51, 62, 74],
  cbp: [67, 75, 80, 86],
  pcr: [12, 10, 9, 7],
  spc: [81, 85, 88, 91],
  fmc: [50, 59, 67, 78],
  pdc_diabetes: [83, 86, 89, 92],
  pdc_ras: [84, 88, 91, 93],
  pdc_statins: [84, 88, 90, 93],
  supd: [81, 85, 89, 93],
};

function star(key: string, rate: number): number {
  const c = CUTS[key]!;
  if (key === "pcr") return rate > c[0] ? 1 : rate > c[1] ? 2 : rate > c[2] ? 3 : rate > c[3] ? 4 : 5;
  return 1 + c.filter((x) => rate >= x).length;
}

const INVARIANTS: Record<string, string> = {
  "member_measures is unique on member × measure × year": `
    select member_id, measure_key, measurement_year from member_measures group by all having count(*) > 1`,
  "contract_measure_rates is unique on contract × measure × year": `
    select contract_id, measure_id, measurement_year from contract_measure_rates group by all having count(*) > 1`,
  "gap_open ⇔ in denominator ∧ ¬excluded ∧ ¬compliant": `
    select * from member_measures where gap_open <> (in_denominator and not excluded and not compliant)`,
  "excluded ⇔ an exclusion reason": `
    select * from member_measures where excluded <> (exclusion_reason is not null)`,
  "numerator ⊆ denominator (events and rates)": `
    select * from member_measures where numerator_events > denominator_events or numerator_events < 0
    union all by name
    select * from contract_measure_rates where numerator > denominator or rate < 0 or rate > 100`,
  "member measures count one event; compliant ⇔ numerator for them": `
    select * from member_measures where measure_key not in ('pcr', 'fmc')
      and (denominator_events <> 1 or compliant <> (numerator_events = 1))`,
  "PDC = days covered / days in period, adherent ⇔ PDC ≥ 80%, only for adherence measures": `
    select * from member_measures
    where (measure_key like 'pdc\\_%' escape '\\' and days_in_period > 0 and (abs(pdc - days_covered / days_in_period) > 0.00005
        or compliant <> (days_covered >= 0.8 * days_in_period) or days_covered > days_in_period))
      or (measure_key not like 'pdc\\_%' escape '\\' and pdc is not null)`,
  "every row's measure ID is the catalogue's": `
    select * from member_measures m where measure_id <> (case measure_key when 'bcs' then 'C01' when 'col' then 'C02'
      when 'omw' then 'C10' when 'eed' then 'C11' when 'gsd' then 'C12' when 'ked' then 'C13' when 'cbp' then 'C14'
      when 'pcr' then 'C18' when 'spc' then 'C19' when 'fmc' then 'C21' when 'pdc_diabetes' then 'D08'
      when 'pdc_ras' then 'D09' when 'pdc_statins' then 'D10' when 'supd' then 'D12' end)`,
  "rates add up from member rows": `
    select r.* from contract_measure_rates r
    join (select contract_id, measure_id, measurement_year
        , sum(denominator_events) filter (where in_denominator and not excluded) as d
        , sum(numerator_events) filter (where in_denominator and not excluded) as n
      from member_measures group by all) m using (contract_id, measure_id, measurement_year)
    where r.source = 'claims' and (r.denominator <> m.d or r.numerator <> m.n
      or r.rate <> round(100.0 * m.n / m.d, 0))`,
  "members are MA members of the contract they were enrolled in": `
    select m.* from member_measures m join members p using (member_id)
    where p.line_of_business <> 'medicare_advantage'
      or not exists (select 1 from eligibility e where e.member_id = m.member_id and e.contract_id = m.contract_id)`,
};

Deno.test("star measures on the small synthetic payer", async (t) => {
  const { dir } = await pipelineRun(11, "small");
  const db = await openDb();
  try {
    for (
      const table of [
        "members",
        "eligibility",
        "medical_claims",
        "screening_history",
        "member_measures",
        "contract_measure_rates",
      ]
    ) {
      await db.con.run(
        `create view ${table} as select * from read_parquet(${sqlString(join(dir, `${table}.parquet`))})`,
      );
    }
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      await t.step(name, async () => {
        assert.deepEqual(await queryRows(db, `select * from (${sql}) limit 3`), []);
      });
    }
    await t.step("BCS numerators agree with a query written from the raw tables", async () => {
      const rows = await queryRows(
        db,
        `with d as (select * from member_measures where measure_key = 'bcs' and in_denominator and not excluded)
        select d.contract_id, d.measurement_year, count(*) filter (where d.compliant)::integer as ours
          , count(*) filter (where exists (select 1 from medical_claims c where c.member_id = d.member_id
              and c.procedure_code in ('77061', '77062', '77063', '77065', '77066', '77067')
              and c.claim_status = 'paid' and c.claim_id || 'R' not in (select claim_id from medical_claims)
              and c.service_date between make_date(d.measurement_year - 2, 10, 1) and make_date(d.measurement_year, 12, 31))
            or exists (select 1 from screening_history h where h.member_id = d.member_id
              and h.procedure_category = 'mammogram'
              and h.service_date between make_date(d.measurement_year - 2, 10, 1) and make_date(d.measurement_year, 12, 31))
            )::integer as independent
        from d group by all order by all`,
      );
      assert.ok(rows.length >= 4);
      for (const r of rows) assert.equal(Number(r.ours), Number(r.independent), JSON.stringify(r));
    });
    await t.step(
      "every own contract has every 2026 measure for complete years, one source each",
      async () => {
        const rows = await queryRows(
          db,
          `select contract_id, measurement_year, count(distinct measure_id)::integer as n
          , count(*) filter (where source = 'claims')::integer as claims
        from contract_measure_rates where complete_year group by all`,
        );
        assert.ok(rows.length > 0);
        for (const r of rows) assert.deepEqual([Number(r.n), Number(r.claims)], [40, 14], JSON.stringify(r));
      },
    );
    await t.step("claims-based rates spread across star levels (2026 cut points)", async () => {
      const rows = await queryRows(
        db,
        `select contract_id, measurement_year, measure_key, denominator, numerator, rate from contract_measure_rates
         where source = 'claims' and complete_year order by all`,
      );
      const table: Record<string, Record<string, string>> = {};
      const levels = new Map<string, number[]>();
      for (const r of rows) {
        const key = String(r.measure_key);
        const s = star(key, Number(r.rate));
        const col = `${r.contract_id} ${r.measurement_year}`;
        (table[key] ??= {})[col] = `${r.rate} (${r.numerator}/${r.denominator}) ${s}★`;
        if (key !== "omw") levels.set(col, [...(levels.get(col) ?? []), s]);
      }
      console.table(table);
      for (const [col, stars] of levels) {
        const mean = stars.reduce((a, b) => a + b, 0) / stars.length;
        assert.ok(new Set(stars).size >= 3, `${col}: stars ${stars} should span at least three levels`);
        assert.ok(mean >= 2 && mean <= 4.5, `${col}: mean measure star ${mean.toFixed(2)} outside 2–4.5`);
      }
    });
  } finally {
    closeDb(db);
  }
});
