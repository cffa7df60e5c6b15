/** The site's methodology pages carry the same text as their documents in docs/. */
import assert from "node:assert/strict";

const PAGES: ReadonlyArray<readonly [string, string]> = [
  ["src/methodology/utilization.md", "docs/utilization-methodology.md"],
];

Deno.test("methodology pages match docs/", async (t) => {
  for (const [page, doc] of PAGES) {
    await t.step(page, async () => {
      const body = (await Deno.readTextFile(page)).replace(/^---\n[\s\S]*?\n---\n\n/, "");
      assert.equal(
        body,
        await Deno.readTextFile(doc),
        `${page} differs from ${doc}: copy the document into the page`,
      );
    });
  }
});
