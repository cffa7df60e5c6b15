import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { closeDb, openDb, queryRows } from "../../loaders/lib/duckdb.ts";
import { seededRandom } from "../../src/lib/prng.ts";
import { MAX_UPLOAD_BYTES } from "../../src/lib/upload/decode.ts";
import { requestsCarryingData, screenshot, sentRequests } from "../support/browser.ts";
import { inputRun } from "../support/pipeline_run.ts";
import { ROOT } from "../support/project.ts";
import { withBuiltSite } from "../support/site_session.ts";

const FIXTURE = join(ROOT, "test", "input", "upload-claims");
const text = (name: string) => Deno.readTextFileSync(join(FIXTURE, name));
const CLEAN = { claims: text("claims.csv"), members: text("members.csv"), providers: text("providers.csv") };

type Payload = { name: string; buffer: Uint8Array };
const utf8 = (name: string, body: string): Payload => ({ name, buffer: new TextEncoder().encode(body) });
const bom = (name: string, body: string): Payload => ({
  name,
  buffer: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]),
});
/** Windows-1252 bytes of a text holding only Latin-1 characters. */
const cp1252 = (name: string, body: string): Payload => ({
  name,
  buffer: Uint8Array.from(body, (c) => c.charCodeAt(0) & 0xff),
});
const withDelimiter = (csv: string, d: string) => csv.replaceAll(",", d);
const cleanFiles = (): Payload[] => [
  utf8("claims.csv", CLEAN.claims),
  utf8("members.csv", CLEAN.members),
  utf8("providers.csv", CLEAN.providers),
];

/** The build's company_month_kpis of the fixture: runPipeline with the flat-claims mapping. */
async function pipelineKpis(): Promise<Record<string, unknown>[]> {
  const { dir } = await inputRun(FIXTURE, "flat-claims");
  const db = await openDb({ threads: 1 });
  try {
    const rows = await queryRows(
      db,
      `select * from '${join(dir, "company_month_kpis.parquet")}' order by company_id, year_month`,
    );
    return rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))
    );
  } finally {
    closeDb(db);
  }
}

/**
 * Uploads `files` and waits for this upload's outcome. What an earlier upload left on the page is marked
 * first, so a report or result still shown from before never counts as this upload's.
 */
async function upload(page: Page, files: Payload[]): Promise<void> {
  await page.$$eval(
    "div#validation-report, #upload-results, #results-blocked, .result-error",
    (nodes) => nodes.forEach((n) => n.setAttribute("data-earlier", "")),
  );
  await page.setInputFiles(
    "#upload-input",
    files.map((f) => ({ name: f.name, mimeType: "text/csv", buffer: Buffer.from(f.buffer) })),
  );
  // div: the "Validation report" heading has the id validation-report too
  await page.waitForSelector("div#validation-report:not([data-earlier])", { timeout: 60_000 });
  await page.waitForFunction(
    `document.querySelector(":is(#upload-results, #results-blocked, .result-error):not([data-earlier])") !== null`,
    undefined,
    { timeout: 60_000 },
  );
}

async function clear(page: Page): Promise<void> {
  await page.click("#upload-clear");
  await page.waitForSelector("#report-empty");
}

/** The company-month KPI rows the page computed. */
async function pageKpis(page: Page): Promise<Record<string, unknown>[]> {
  const json = await page.$eval("#upload-results", (el) => el.getAttribute("data-kpis"));
  return JSON.parse(json ?? "[]");
}

const fileSummary = (page: Page, name: string) =>
  page.$eval(`.upload-file[data-file="${name}"]`, (el) => ({
    summary: el.querySelector(".file-summary")?.textContent?.replace(/\s+/g, " ").trim() ?? "",
    reasons: [...el.querySelectorAll(".reject-reasons tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent?.replace(/\s+/g, " ").trim() ?? "")
    ),
  }));

Deno.test("the claims upload page: same numbers as the build, encodings, headers, broken files, mapping, fuzz, privacy", async (t) => {
  const expected = await pipelineKpis();
  await withBuiltSite(async ({ origin, visit }) => {
    const { page, log } = await visit("/data/upload-claims", { waitUntil: "load" });
    await page.waitForSelector("#upload-input", { timeout: 30_000 });
    const afterLoad = sentRequests(page);

    await t.step("the page says files never leave the machine", async () => {
      assert.match(await page.textContent("main") ?? "", /Your files never leave this computer/);
      await screenshot(page, "upload-claims-empty");
    });

    await t.step("the fixture gives the pipeline's company_month_kpis, value by value", async () => {
      // what the results area showed on the way: a "computing" note, never an empty or stale area
      await page.evaluate(`new MutationObserver(() => {
        if (document.querySelector("#results-computing")) window.sawComputing = true;
      }).observe(document.body, { childList: true, subtree: true })`);
      await upload(page, cleanFiles());
      assert.equal(await page.evaluate("window.sawComputing"), true, "a computing note while DuckDB works");
      const got = await pageKpis(page);
      assert.ok(expected.length >= 12 && expected.some((r) => r.risk_band === "High"));
      assert.equal(got.length, expected.length);
      expected.forEach((row, i) => {
        for (const [column, value] of Object.entries(row)) {
          assert.deepEqual(got[i]![column] ?? null, value, `${row.company_id} ${row.year_month} ${column}`);
        }
      });
      const claims = await fileSummary(page, "claims.csv");
      assert.match(claims.summary, /^Claims · utf-8 · delimiter comma · 780 rows read · 3 rejected/);
      assert.deepEqual(claims.reasons.map((r) => r.slice(0, 2)), [
        [
          "claim_id, claim_line_number: duplicate claim_id, claim_line_number; expected one row per claim_id, claim_line_number; first seen on line 7",
          "1",
        ],
        [
          "net_bill: not a number; expected a number such as 1234.56 (a leading $ is allowed; no thousands separators)",
          "1",
        ],
        [
          "service_date: not a date; expected YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYYMM or YYYY-MM",
          "1",
        ],
      ]);
      assert.match(await page.textContent("#not-computed") ?? "", /no pharmacy claims/);
      await screenshot(page, "upload-claims-results");
    });

    await t.step("the rejected rows download as CSV with their columns and the problem", async () => {
      const download = page.waitForEvent("download");
      await page.click(`.upload-file[data-file="members.csv"] .download-rejects button`);
      const file = await (await download).path();
      const csv = await Deno.readTextFile(file!);
      assert.equal(
        csv,
        'line,problem,member_id,company_id,age,gender,join_date\n97,"age: not an age; expected an age in whole years from 0 to 130 (""abc"")",M999,CRUX,abc,F,2024-01-05\n',
      );
    });

    const reference = await pageKpis(page);
    await clear(page);

    await t.step("encodings, delimiters and header spellings give the same numbers", async () => {
      const headerVariant =
        '"Claim ID";Member Id;prov code;SERVICE DATE;Period;Is-ER;Admission Flag ;Net Bill;Diagnosis Code 1\r\n' +
        CLEAN.claims.split("\n").slice(1).join("\r\n").replaceAll(",", ";");
      const variants: Payload[][] = [
        [
          bom("claims.csv", withDelimiter(CLEAN.claims, ";")),
          utf8("members.csv", withDelimiter(CLEAN.members, "\t")),
          cp1252("providers.csv", CLEAN.providers.replace("Family Clinic", "Clínica Família")),
        ],
        [
          cp1252("claims.csv", withDelimiter(CLEAN.claims, "\t")),
          bom("members.csv", withDelimiter(CLEAN.members, ";").replaceAll("\n", "\r\n")),
          utf8("providers.csv", CLEAN.providers),
        ],
        [
          utf8("claims export.csv", headerVariant),
          utf8(
            "people.csv",
            CLEAN.members.replace(
              "member_id,company_id,age,gender,join_date",
              "MEMBER_ID, Company ID ,AGE,Gender,Join Date",
            ),
          ),
          utf8("providers.csv", CLEAN.providers),
        ],
      ];
      for (const [i, files] of variants.entries()) {
        await upload(page, files);
        assert.deepEqual(await pageKpis(page), reference, `variant ${i + 1}`);
        await clear(page);
      }
    });

    await t.step("broken files get a validation report, never a crash", async () => {
      const outOfRange = CLEAN.claims.replace(",2024-01-02,", ",1700-01-02,");
      await upload(page, [
        utf8("claims.csv", outOfRange),
        utf8("members.csv", CLEAN.members),
        { name: "providers.csv", buffer: new Uint8Array(0) },
        { name: "binary.csv", buffer: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0x14, 0]) },
        utf8("header-only.csv", "PROV_CODE,PROV_NAME\n"),
      ]);
      const claims = await fileSummary(page, "claims.csv");
      assert.ok(
        claims.reasons.some((r) =>
          r[0] === "service_date: not a plausible date; expected a year from 1850 to 2150" &&
          /1700-01-02/.test(r[2]!)
        ),
        JSON.stringify(claims.reasons),
      );
      assert.match(
        (await fileSummary(page, "providers.csv")).reasons[0]?.[0] ?? "",
        /Cannot read providers.csv: the file is empty \(0 bytes\)/,
      );
      assert.match((await fileSummary(page, "binary.csv")).reasons[0]?.[0] ?? "", /it is a binary file/);
      assert.ok(await page.$("#upload-results"), "valid rows are still computed");
      await screenshot(page, "upload-claims-report");
      await clear(page);
    });

    await t.step("a file over 200 MB is refused with a message, not read", async () => {
      const dir = await Deno.makeTempDir({ prefix: "lodestar-huge-" });
      try {
        const huge = join(dir, "huge-claims.csv");
        await Deno.writeFile(huge, new Uint8Array(0));
        await Deno.truncate(huge, MAX_UPLOAD_BYTES + 1);
        await page.setInputFiles("#upload-input", [huge]);
        await page.waitForSelector(`.upload-file[data-file="huge-claims.csv"]`, { timeout: 60_000 });
        assert.match(
          (await fileSummary(page, "huge-claims.csv")).reasons[0]?.[0] ?? "",
          /Cannot read huge-claims\.csv: 200 MB is over the 200 MB limit of this page/,
        );
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
      await clear(page);
    });

    await t.step(
      "a claims file without a member column: the mapping form, remembered for the layout",
      async () => {
        const renamed = CLEAN.claims.replace("claim_id,member_id,", "claim_id,person,");
        const files = [utf8("claims.csv", renamed), utf8("members.csv", CLEAN.members)];
        await upload(page, files);
        assert.ok(await page.$("#results-blocked"));
        assert.match(
          await page.textContent("#upload-problems") ?? "",
          /choose the columns for medical_claims\.member_id/,
        );
        await page.selectOption(`.mapping-form select[data-choice="medical_claims.member_id"]`, "person");
        await page.click(".apply-mapping");
        await page.waitForSelector("#upload-results", { timeout: 60_000 });
        await clear(page);
        await page.reload();
        await page.waitForSelector("#upload-input");
        await upload(page, files);
        assert.ok(await page.$("#upload-results"), "remembered: computed without the form");
        assert.equal(await page.$(".mapping-form"), null);
        await clear(page);
      },
    );

    await t.step(
      "randomly damaged claims files: every outcome is results or a validation report",
      async () => {
        const random = seededRandom(9);
        const bytes = new TextEncoder().encode(CLEAN.claims);
        for (let run = 0; run < 12; run++) {
          const damaged = bytes.slice(0, Math.floor(bytes.length * (0.2 + 0.8 * random())));
          for (let k = 0; k < 8; k++) {
            damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
          }
          await upload(page, [{ name: "claims.csv", buffer: damaged }, utf8("members.csv", CLEAN.members)]);
          // no clearing between runs: each upload replaces the last one's files
          const outcome = await page.$("#upload-results") ?? await page.$("#upload-problems");
          assert.ok(
            outcome,
            `run ${run}: results or a report, got ${(await page.innerText("main")).slice(-2000)}`,
          );
          assert.equal(await page.$("[data-earlier]"), null, `run ${run}: the last upload's outcome is gone`);
        }
        await clear(page);
      },
    );

    await t.step("no request carried uploaded content: only local GETs without a body", () => {
      assert.deepEqual(requestsCarryingData(afterLoad, origin), []);
      assert.ok(afterLoad.some((r) => /claims_worker/.test(r.url)), "the worker module was loaded");
      assert.deepEqual(log.offHost, []);
      assert.deepEqual(log.consoleErrors, []);
    });
  });
});
