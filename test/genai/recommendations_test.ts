/**
 * buildRecommendations() on fixture tables: one row per weak measure and high-risk company, rule-library
 * rows without a key, the data's as-of date, and the cache: a second build against the fake Gemini server
 * makes no call and writes identical rows.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeDb, type Db, openDb, queryRows } from "../../loaders/lib/duckdb.ts";
import { geminiClient, rulesClient } from "../../loaders/genai/client.ts";
import { buildRecommendations, weakMeasureRow } from "../../loaders/genai/recommendations.ts";
import { startFakeGemini } from "./fake_gemini.ts";
import { AS_OF, LIBRARY } from "./fixtures.ts";

async function fixtureDb(): Promise<Db> {
  const db = await openDb({ threads: 1 });
  // The star step's columns; the survey measure (no member count) gets no recommendation.
  await db.con.run(`create table weak_measures as select * from (values
    ('H9901', 'bcs', 1, 37, 3.5, 4.0, 1250000.0),
    ('H9901', 'cahps_getting_care', 2, null, 3.5, 3.75, 900000.0),
    ('H9901', 'pdc_statins', 3, 12, 3.5, 3.75, 400000.0)
  ) t(contract_id, measure_key, weight, members_to_next_star, value_before, value_after, revenue_change_per_year)`);
  await db.con.run(`create table stars_catalogue_2026 as select * from (values
    ('bcs', 'Breast Cancer Screening'),
    ('pdc_statins', 'Medication Adherence for Cholesterol (Statins)')
  ) t(key, name)`);
  await db.con.run(`create table company_risk_predictions as select * from (values
    ('CO-0007', '2026-07', 0.81, 1, 'er_visits_per_1000', 0.52, 'pharmacy_pmpm', 0.11),
    ('CO-0042', '2026-07', 0.55, 2, 'inpatient_days', 0.30, 'members', 0.02),
    ('CO-0099', '2026-07', 0.20, 3, 'er_visits_per_1000', 0.05, 'members', 0.01)
  ) t(company_id, year_month, probability, risk_rank, driver_1, driver_1_log_odds, driver_2, driver_2_log_odds)`);
  return db;
}

const ROWS =
  `select subject_type, subject_id, actions, rationale, expected_effect, figures_used, source, note,
  strftime(generated_date, '%Y-%m-%d') as generated_date, cache_key
  from recommendations order by subject_type, subject_id`;

Deno.test("buildRecommendations()", async (t) => {
  await t.step("writes one rule-library row per weak measure and high-risk company", async () => {
    const db = await fixtureDb();
    const report = await buildRecommendations(db, { client: rulesClient(), library: LIBRARY, asOf: AS_OF });
    const rows = await queryRows(db, ROWS);
    closeDb(db);
    assert.deepEqual(report, { rows: 4, calls: 4, cached: 0, fallbacks: 0 });
    assert.deepEqual(rows.map((r) => `${r.subject_type} ${r.subject_id}`), [
      "company CO-0007",
      "company CO-0042",
      "weak_measure H9901/bcs",
      "weak_measure H9901/pdc_statins",
    ]);
    assert.ok(rows.every((r) => r.source === "rules" && r.generated_date === AS_OF && r.note === null));
    const bcs = rows[2]!;
    assert.deepEqual(JSON.parse(bcs.figures_used as string), [
      { name: "weight", value: 1 },
      { name: "members_needed", value: 37 },
      { name: "overall_star_effect", value: 0.5 },
      { name: "dollar_effect", value: 1250000 },
    ]);
    assert.equal(
      bcs.expected_effect,
      "Reaching the next star changes the overall rating by 0.5 and the quality bonus by $1,250,000.",
    );
    const acme = rows[0]!;
    assert.match(acme.rationale as string, /81% chance of being high-risk in 2026-07 \(rank 1\)/);
    assert.match(JSON.parse(acme.actions as string)[0].action, /nurse lines/);
  });

  await t.step(
    "leaves null figures out; skips measures without a member count; a bad row is an error naming it",
    async () => {
      const db = await openDb({ threads: 1 });
      await db.con.run(`create table weak_measures as select * from (values
      ('H9903', 'cbp', null, 5, null, null, null)
    ) t(contract_id, measure_key, weight, members_to_next_star, value_before, value_after, revenue_change_per_year)`);
      await db.con.run(
        `create table stars_catalogue_2026 as select 'cbp' as key, 'Controlling High Blood Pressure' as name`,
      );
      await buildRecommendations(db, { client: rulesClient(), library: LIBRARY, asOf: AS_OF });
      const rows = await queryRows(db, ROWS);
      assert.deepEqual(JSON.parse(rows[0]!.figures_used as string), [{ name: "members_needed", value: 5 }]);
      assert.equal(
        rows[0]!.rationale,
        "Controlling High Blood Pressure needs 5 more members for its next star.",
      );
      assert.equal(rows[0]!.expected_effect, "A higher measure star raises the weighted summary rating.");
      await db.con.run("update weak_measures set members_to_next_star = null");
      const report = await buildRecommendations(db, { client: rulesClient(), library: LIBRARY, asOf: AS_OF });
      closeDb(db);
      assert.equal(report.rows, 0);
      assert.throws(
        () =>
          weakMeasureRow({
            contract_id: "H9903",
            measure_key: "cbp",
            measure_name: "x",
            members_needed: null,
          }, 1),
        /weak_measures row 1: "members_needed" must be a number \(null\)/,
      );
    },
  );

  await t.step("skips missing input tables", async () => {
    const db = await openDb({ threads: 1 });
    const report = await buildRecommendations(db, { client: rulesClient(), library: LIBRARY, asOf: AS_OF });
    const rows = await queryRows(db, "select count(*) as n from recommendations");
    closeDb(db);
    assert.equal(report.rows, 0);
    assert.equal(Number(rows[0]!.n), 0);
  });

  await t.step("rejects an as-of date that is not YYYY-MM-DD", async () => {
    const db = await openDb({ threads: 1 });
    await assert.rejects(
      buildRecommendations(db, { client: rulesClient(), library: LIBRARY, asOf: "30/06/2026" }),
      /asOf must be a YYYY-MM-DD date \("30\/06\/2026"\)/,
    );
    closeDb(db);
  });

  await t.step("a second build reads the cache: no model call, identical rows", async () => {
    const fake = startFakeGemini({ kind: "text", text: "" });
    const cacheDir = await Deno.makeTempDir({ prefix: "lodestar-genai-cache-" });
    // The fake answers each subject with a reply citing that subject's own first figure.
    const replies: Record<string, string> = {
      "company": JSON.stringify({
        actions: [{ action: "Call the account team", why: "The risk is high" }],
        rationale: "High predicted risk.",
        expected_effect: "Lower risk next month.",
        figures_used: ["probability"],
      }),
      "weak_measure": JSON.stringify({
        actions: [{ action: "Close open gaps", why: "The measure is weak" }],
        rationale: "The measure needs members.",
        expected_effect: "A higher measure star.",
        figures_used: ["members_needed"],
      }),
    };
    const run = async () => {
      const db = await fixtureDb();
      const client = geminiClient({
        apiKey: "k",
        model: "gemini-test",
        baseUrl: fake.baseUrl,
        timeoutMs: 2000,
      });
      const recommend = client.recommend;
      client.recommend = (context) => {
        fake.behaviour = { kind: "text", text: replies[context.subject_type]! };
        return recommend(context);
      };
      const report = await buildRecommendations(db, { client, library: LIBRARY, asOf: AS_OF, cacheDir });
      const rows = await queryRows(db, ROWS);
      closeDb(db);
      return { report, rows };
    };
    const first = await run();
    assert.deepEqual(first.report, { rows: 4, calls: 4, cached: 0, fallbacks: 0 });
    assert.equal(fake.requests.length, 4);
    assert.ok(first.rows.every((r) => r.source === "gemini-test"));
    const second = await run();
    assert.deepEqual(second.report, { rows: 4, calls: 0, cached: 4, fallbacks: 0 });
    assert.equal(fake.requests.length, 4, "no request in the second build");
    assert.deepEqual(second.rows, first.rows);
    assert.equal([...Deno.readDirSync(cacheDir)].length, 4);
    // An edited cache file fails the check and is asked again.
    const [file] = [...Deno.readDirSync(cacheDir)].map((e) => join(cacheDir, e.name)).sort();
    const edited = JSON.parse(Deno.readTextFileSync(file!));
    edited.rationale = "Invented: 999 members.";
    Deno.writeTextFileSync(file!, JSON.stringify(edited));
    const third = await run();
    assert.deepEqual(third.report, { rows: 4, calls: 1, cached: 3, fallbacks: 0 });
    assert.deepEqual(third.rows, first.rows);
    await fake.close();
    await Deno.remove(cacheDir, { recursive: true });
  });
});
