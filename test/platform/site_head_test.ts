import assert from "node:assert/strict";
import { join } from "node:path";
import { siteHead } from "../../platform/site_head.ts";
import { ROOT } from "../support/project.ts";

Deno.test("siteHead()", async (t) => {
  await t.step("inlines the print rules, the accessibility rules and script, and the icon", () => {
    const head = siteHead(ROOT);
    assert.match(head, /^<link rel="icon" href="data:,">/);
    const print = head.match(/<style>(@media print|\/\*[^]*?\*\/\s*@media print)[^]*?<\/style>/)?.[0] ?? "";
    for (
      const hidden of [
        "#observablehq-sidebar",
        "#observablehq-header",
        "#observablehq-footer",
        "#observablehq-toc",
      ]
    ) {
      assert.ok(print.includes(hidden), `print hides ${hidden}`);
    }
    assert.match(print, /\.report-section ~ \.report-section \{\s*break-before: page;/);
    assert.match(head, /<script>[^]*document\.documentElement\.lang = "en";[^]*<\/script>$/);
    assert.equal(head.match(/<\/style>/g)?.length, 2);
    assert.equal(head.match(/<\/script>/g)?.length, 1, "no early end of the inlined script");
  });
  await t.step("refuses a print stylesheet whose rules would apply on screen", async () => {
    const root = await Deno.makeTempDir();
    try {
      await Deno.mkdir(join(root, "platform"));
      for (const f of ["accessibility.css", "accessibility.js"]) {
        await Deno.copyFile(join(ROOT, "platform", f), join(root, "platform", f));
      }
      await Deno.writeTextFile(join(root, "platform", "print.css"), "nav { display: none; }");
      assert.throws(() => siteHead(root), /print\.css must keep its rules inside @media print/);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  });
});
