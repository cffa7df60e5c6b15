/** The site's methodology pages carry the same text as their documents in docs/. */
import assert from "node:assert/strict";

const PAGES: ReadonlyArray<readonly [string, string]> = [
  ["src/methodology/synthetic-data.md", "docs/synthetic-data.md"],
  ["src/methodology/utilization.md", "docs/utilization-methodology.md"],
  ["src/methodology/stars-engine.md", "docs/stars-engine.md"],
  ["src/methodology/star-measures.md", "docs/star-measures.md"],
  ["src/methodology/star-forecast.md", "docs/star-forecast.md"],
  ["src/methodology/care.md", "docs/care-management.md"],
  ["src/methodology/recommendations.md", "docs/recommendations.md"],
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
