/** Properties of the generator that must hold for any seed (fast-check over seeds, tiny scale). */
import assert from "node:assert/strict";
import fc from "fast-check";
import { closeDb, openDb, queryRows } from "../../loaders/lib/duckdb.ts";
import { generateSynthetic } from "../../loaders/synthetic/generate.ts";

Deno.test("for any seed: claims stay in eligibility, ER only at hospitals, spans are ordered", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
      const db = await openDb();
      try {
        await generateSynthetic(db, { seed, scale: "tiny", months: 12 });
        const [row] = await queryRows(
          db,
          `
          select
            (select count(*) from medical_claims c where not exists (select 1 from eligibility e
              where e.member_id = c.member_id and c.service_date between e.enrollment_start_date and e.enrollment_end_date)) as outside
            , (select count(*) from medical_claims c join providers p using (provider_id)
              where c.service_category = 'emergency_department' and p.practice_type <> 'hospital') as er_not_hospital
            , (select count(*) from eligibility where enrollment_end_date < enrollment_start_date) as bad_spans
            , (select count(*) from medical_claims) as claims
            , (select count(*) from pharmacy_claims) as fills`,
        );
        assert.equal(Number(row!.outside), 0);
        assert.equal(Number(row!.er_not_hospital), 0);
        assert.equal(Number(row!.bad_spans), 0);
        assert.ok(Number(row!.claims) > 1000 && Number(row!.fills) > 1000);
      } finally {
        closeDb(db);
      }
    }),
    { numRuns: 3, seed: 7 },
  );
});
