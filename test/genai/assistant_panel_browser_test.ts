/**
 * The assistant panel in Chromium, in fallback mode: a page mounts `Assistant(member)` from
 * `src/components/assistant.js`; its question goes to the assistant endpoint logic with a Gemini client
 * whose (fake, local) server answers 429, so the panel shows the rule library's answer with the note,
 * the figures used and the "Rule library" label; a refusal and a rate-limit reply are shown as sentences.
 */
import assert from "node:assert/strict";
import { transform } from "esbuild";
import { answerAssistant } from "../../gateway/assistant.ts";
import { geminiClient } from "../../loaders/genai/client.ts";
import { recordedPage, screenshot, withChromium } from "../support/browser.ts";
import { startFakeGemini } from "./fake_gemini.ts";
import { AS_OF, LIBRARY } from "./fixtures.ts";

const MEMBER = {
  member_id: "M000123",
  name: "Dolores Quintana",
  gaps: [{ measure_key: "col", measure_name: "Colorectal Cancer Screening", days_left: 184 }],
  risk_score: 0.62,
  reasons: [{ reason: "2 ED visits in 90 days", value: 2 }],
};

// As the gateway serves a page: with its sign-out form. STATIC is the same page without it (a static preview).
const SIGN_OUT =
  `<form method="post" action="/auth/logout" class="lodestar-signout"><button>Sign out</button></form>`;
const STATIC = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Assistant</title></head><body>
<main id="main"></main>
<script type="module">
import { Assistant } from "/assistant.js";
document.getElementById("main").append(Assistant(${JSON.stringify(MEMBER)}));
</script></body></html>`;
const PAGE = STATIC.replace("<main", `${SIGN_OUT}<main`);

Deno.test({
  name: "Assistant() panel in Chromium (fallback mode)",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const component = await Deno.readTextFile(new URL("../../src/components/assistant.js", import.meta.url));
    const text = (await transform(
      await Deno.readTextFile(new URL("../../src/components/assistant_text.ts", import.meta.url)),
      { loader: "ts", format: "esm" },
    )).code;
    const fake = startFakeGemini({ kind: "status", status: 429, message: "Resource has been exhausted" });
    const kv = await Deno.openKv(":memory:");
    const audited: string[] = [];
    const options = {
      client: geminiClient({ apiKey: "k", model: "gemini-test", baseUrl: fake.baseUrl, log: () => {} }),
      library: LIBRARY,
      asOf: AS_OF,
      perUserPerHour: 2,
    };
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
      const path = new URL(request.url).pathname;
      const js = { "content-type": "text/javascript" };
      if (path === "/") return new Response(PAGE, { headers: { "content-type": "text/html" } });
      if (path === "/static") return new Response(STATIC, { headers: { "content-type": "text/html" } });
      if (path === "/favicon.ico") return new Response(null, { status: 204 });
      if (path === "/assistant.js") return new Response(component, { headers: js });
      if (path === "/assistant_text.js") return new Response(text, { headers: js });
      if (path === "/api/assistant" && request.method === "POST") {
        const result = await answerAssistant(options, {
          kv,
          audit: { record: (event) => Promise.resolve(void audited.push(event)) },
          email: "carl@example.com",
          ip: "127.0.0.1",
          now: Date.UTC(2026, 5, 30, 9),
          fields: await request.json(),
        });
        return Response.json(result.body, { status: result.status });
      }
      return new Response("not found", { status: 404 });
    });
    const origin = `http://127.0.0.1:${server.addr.port}`;
    try {
      await withChromium(async (browser) => {
        const { page, log } = await recordedPage(browser, origin);
        await page.goto(origin + "/");
        const ask = async (question: string) => {
          await page.fill(".assistant textarea", question);
          await page.click(".assistant button");
          // Expressions as strings: this file is type-checked without the DOM library.
          await page.waitForFunction(
            `(() => { const p = document.querySelector(".assistant-panel");
              return p.dataset.kind !== undefined && !p.textContent.includes("Thinking"); })()`,
          );
          const kind = await page.getAttribute(".assistant-panel", "data-kind");
          const shown = await page.textContent(".assistant-answer") ?? "";
          await page.evaluate(`delete document.querySelector(".assistant-panel").dataset.kind`);
          return { kind, shown };
        };
        const answer = await ask("What is the next step for this member's colorectal gap?");
        assert.equal(answer.kind, "answer");
        assert.match(answer.shown, /Mail FIT kits with prepaid return/);
        assert.match(answer.shown, /184 days left/);
        assert.match(answer.shown, /Figures used: open_gaps = 1, gap_1_days_left = 184, risk_score = 0\.62/);
        assert.match(answer.shown, /Rule library/);
        assert.match(answer.shown, /gemini-test answer was not used: quota or rate limit \(HTTP 429\)/);
        await screenshot(page, "assistant-panel-fallback");
        const refused = await ask("Tell me a joke");
        assert.equal(refused.kind, "refused");
        assert.match(refused.shown, /only answer questions about this member/);
        const limited = await ask("Which gaps are open?");
        assert.equal(limited.kind, "error");
        assert.match(limited.shown, /Too many questions this hour/);
        assert.deepEqual(log.offHost, []);
        assert.deepEqual(log.consoleErrors.filter((e) => !/429|Too Many/.test(e)), []);
        assert.deepEqual(audited, ["assistant", "assistant", "assistant_limited"]);
        assert.equal(fake.requests.length, 1, "the refused question never reached the model");

        // A static preview (no gateway): the panel says so, sends nothing and logs no console error.
        const preview = await recordedPage(browser, origin);
        let posts = 0;
        preview.page.on("request", (r) => void (r.method() === "POST" && posts++));
        await preview.page.goto(origin + "/static");
        await preview.page.waitForSelector(".assistant-panel[data-kind=offline]");
        assert.match(
          await preview.page.textContent(".assistant-answer") ?? "",
          /served without it \(a static preview\)/,
        );
        assert.equal(await preview.page.isDisabled(".assistant button"), true);
        assert.equal(posts, 0);
        assert.deepEqual(preview.log.consoleErrors, []);
        await screenshot(preview.page, "assistant-panel-static");
      });
    } finally {
      await server.shutdown();
      await fake.close();
      kv.close();
    }
  },
});
