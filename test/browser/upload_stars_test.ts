import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/lib/stars/csv.ts";
import { requestsCarryingData, screenshot, sentRequests } from "../support/browser.ts";
import { ROOT } from "../support/project.ts";
import { withBuiltSite } from "../support/site_session.ts";

const CMS = join(ROOT, "data", "reference", "cms-2026");
const FIXTURES = join(ROOT, "test", "input", "upload");
const cms = (which: string) =>
  join(CMS, [...Deno.readDirSync(CMS)].find((e) => e.name.includes(which))!.name);
const golden = new Map(
  parseCsv(await Deno.readTextFile(join(ROOT, "test", "output", "stars_2026_ratings.csv"))).slice(1)
    .map((r) => [r[0]!, r.slice(1, 4)]),
);

async function upload(page: Page, files: (string | { name: string; buffer: Uint8Array })[]) {
  const payloads = files.map((f) =>
    typeof f === "string"
      ? { name: f.split("/").pop()!, mimeType: "text/csv", buffer: Buffer.from(Deno.readFileSync(f)) }
      : { name: f.name, mimeType: "text/csv", buffer: Buffer.from(f.buffer) }
  );
  await page.setInputFiles("#upload-input", payloads);
  for (const { name } of payloads) {
    await page.waitForSelector(`.upload-file[data-file="${name}"]`, { timeout: 60_000 });
  }
}

const fileSummary = (page: Page, name: string) =>
  page.$eval(`.upload-file[data-file="${name}"]`, (el) => ({
    read: el.querySelector(".rows-read")?.textContent?.trim(),
    rejected: el.querySelector(".rows-rejected")?.textContent?.trim(),
    summary: el.querySelector(".file-summary")?.textContent?.replace(/\s+/g, " ").trim(),
    reasons: [...el.querySelectorAll(".reject-reasons tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim())
    ),
  }));

async function ratings(page: Page, id: string) {
  return await page.$eval(
    `#${id}`,
    (el) =>
      [".rating-part-c", ".rating-part-d", ".rating-overall"].map((c) =>
        (el.querySelector(c)?.textContent ?? "").replace("★", "").replace("no rating", "")
      ),
  );
}

async function pickContract(page: Page, id: string) {
  await page.selectOption("#contract-select select", id);
  await page.waitForSelector(`#current-ratings[data-contract="${id}"]`, { timeout: 10_000 });
}

Deno.test("the star upload page: CMS files, encodings, member rates, rejects, mapping, What-If, privacy", async (t) => {
  await withBuiltSite(async ({ origin, visit }) => {
    const { page, log } = await visit("/data/upload-stars", { waitUntil: "load" });
    await page.waitForSelector("#upload-input", { timeout: 30_000 });
    const afterUpload = sentRequests(page);

    await t.step("the page says files never leave the machine", async () => {
      const text = await page.textContent("main");
      assert.match(text ?? "", /Your files never leave this computer/);
    });

    await t.step("CMS's 2026 Measure Stars + CAI give the published ratings of named contracts", async () => {
      await upload(page, [cms("Measure Stars"), cms("CAI")]);
      const stars = await fileSummary(page, cms("Measure Stars").split("/").pop()!);
      assert.match(
        stars.summary ?? "",
        /^CMS Measure Stars · utf-8-bom · delimiter comma · 769 rows read · 0 rejected/,
      );
      for (const id of ["H0028", "H0104", "H0154", "H0302", "E3014"]) {
        await pickContract(page, id);
        assert.deepEqual(await ratings(page, "current-ratings"), golden.get(id), id);
      }
      await screenshot(page, "upload-stars-cms");
    });

    await t.step("uploaded Measure Data + Cut Points: a What-If on a published score", async () => {
      await upload(page, [cms("Measure Data"), cms("Part C Cut Points"), cms("Part D Cut Points")]);
      await pickContract(page, "H0028");
      await page.waitForSelector("#whatif-result", { timeout: 10_000 });
      assert.match(await page.textContent("main") ?? "", /Cut points: the uploaded Cut Points/);
      await page.fill("#whatif-score input[type=number]", "100");
      await page.press("#whatif-score input[type=number]", "Enter");
      await page.waitForFunction(
        `document.querySelector(".whatif-measure-stars")?.textContent?.endsWith("5★")`,
      );
      await page.click("#upload-clear");
      await page.waitForSelector("#report-empty");
    });

    await t.step("a member-level file: rates computed here, rejects reported and downloadable", async () => {
      await upload(page, [join(FIXTURES, "member_results.csv")]);
      const s = await fileSummary(page, "member_results.csv");
      assert.equal(s.read, "9");
      assert.equal(s.rejected, "3");
      assert.deepEqual(s.reasons.map((r) => [r[0], r[1]]), [
        ["Breast Cancer Screening: 1 (met), 0 (not met) or blank (not in the denominator)", "1"],
        ["contract_id: a contract ID like H1234", "1"],
        ["member_id: a member ID not already on line 3", "1"],
      ]);
      const csv = await page.$eval(
        ".download-rejects",
        async (a) => await (await fetch(a.getAttribute("href")!)).text(),
      );
      assert.deepEqual(csv.trim().split("\n").map((l) => l.split(",").slice(0, 4).join(",")), [
        "file,line,column,value",
        "member_results.csv,8,Breast Cancer Screening,x",
        "member_results.csv,9,member_id,M2",
        "member_results.csv,10,contract_id,H999",
      ]);
      await pickContract(page, "H1111");
      // H1111 BCS 3 of 4 members = 75% → 3 stars (4 stars from 76%): one more compliant member reaches it.
      const bcs = await page.$$eval(
        "#measure-table tbody tr",
        (trs) =>
          trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim()))
            .find((r) => r.includes("C01")),
      );
      assert.ok(bcs, "BCS row");
      assert.ok(bcs.includes("75") && bcs.includes("3") && bcs.includes("1"), String(bcs));
      await page.selectOption("#whatif-measure select", {
        label: "C01: Breast Cancer Screening",
      });
      await page.fill("#whatif-score input[type=number]", "76");
      await page.press("#whatif-score input[type=number]", "Enter");
      await page.waitForFunction(
        `document.querySelector(".whatif-measure-stars")?.textContent === "3★ → 4★"`,
      );
      await screenshot(page, "upload-stars-members");
    });

    await t.step("every encoding and delimiter variant reads the same; bad files say why", async () => {
      const rows = [[
        "Contract ID",
        "Care for Older Adults – Medication Review",
        "Breast Cancer Screening (%)",
      ], [
        "H0001",
        "0.81",
        "0.74",
      ]];
      const variants: { name: string; buffer: Uint8Array }[] = [];
      for (const [dn, d] of [["comma", ","], ["semicolon", ";"], ["tab", "\t"]]) {
        const text = rows.map((r) => r.join(d)).join("\r\n") + "\r\n";
        const utf8 = new TextEncoder().encode(text);
        variants.push({ name: `utf8-${dn}.csv`, buffer: utf8 });
        variants.push({ name: `bom-${dn}.csv`, buffer: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]) });
        variants.push({
          name: `cp1252-${dn}.csv`,
          buffer: Uint8Array.from(text, (c) => (c === "–" ? 0x96 : c.charCodeAt(0))),
        });
      }
      variants.push({ name: "empty.csv", buffer: new Uint8Array(0) });
      variants.push({ name: "binary.csv", buffer: new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0x14]) });
      await upload(page, variants);
      for (const v of variants.slice(0, 9)) {
        const s = await fileSummary(page, v.name);
        assert.match(s.summary ?? "", /^Contract-level scores · .* · 1 rows read · 0 rejected/, v.name);
      }
      assert.match((await fileSummary(page, "cp1252-tab.csv")).summary ?? "", /windows-1252 · delimiter tab/);
      assert.deepEqual(
        (await fileSummary(page, "empty.csv")).reasons[0]?.[0],
        "file: Cannot read empty.csv: the file is empty (0 bytes)",
      );
      assert.match((await fileSummary(page, "binary.csv")).reasons[0]?.[0] ?? "", /it is a binary file/);
      await pickContract(page, "H0001");
      const table = await page.textContent("#measure-table");
      assert.match(table ?? "", /C08/);
      assert.match(table ?? "", /81/);
      await page.click("#upload-clear");
      await page.waitForSelector("#report-empty");
    });

    await t.step("an unmatched column gets a mapping form, remembered for the layout", async () => {
      const file = {
        name: "flu.csv",
        buffer: new TextEncoder().encode("contract_id,Flu shots 2024\nH0009,71\n"),
      };
      await upload(page, [file]);
      await page.waitForSelector(".mapping-form select");
      await page.selectOption(".mapping-form select", "measure:flu_vaccine");
      await page.click(".apply-mapping");
      await page.waitForFunction(`document.querySelector(".mapping-form") === null`);
      await page.reload();
      await page.waitForSelector("#upload-input");
      await upload(page, [file]);
      assert.equal(await page.$(".mapping-form"), null);
      assert.match((await fileSummary(page, "flu.csv")).summary ?? "", /Contract-level scores/);
    });

    await t.step("no request carried uploaded content: only local GETs without a body", () => {
      assert.deepEqual(requestsCarryingData(afterUpload, origin), []);
      assert.ok(afterUpload.some((r) => /star_worker/.test(r.url)), "the worker module was loaded");
      assert.deepEqual(log.offHost, []);
      assert.deepEqual(log.consoleErrors, []);
    });
  });
});
