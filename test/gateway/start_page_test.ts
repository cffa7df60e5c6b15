/**
 * After sign-in the gateway sends each role to its start page: executives land on the executive overview
 * (`/`), caretakers and reviewers on the first page of the real navigation they may open.
 */
import assert from "node:assert/strict";
import type { Manifest } from "../../gateway/manifest.ts";
import { safeNext, startPage } from "../../gateway/next_path.ts";
import { rolesForPage, SECTIONS } from "../../platform/navigation.ts";

/** A manifest of the real site's pages with the real role policy. */
function siteManifest(): Manifest {
  const paths = ["/", ...SECTIONS.flatMap((s) => s.pages.map((p) => p.path))];
  return {
    version: 1,
    entries: Object.fromEntries(paths.map((path) => [path, {
      file: path.endsWith("/") ? `${path.slice(1)}index.html` : `${path.slice(1)}.html`,
      roles: rolesForPage(path),
      kind: "page" as const,
    }])),
  };
}

Deno.test("startPage() on the real navigation", async (t) => {
  const manifest = siteManifest();
  await t.step("executives land on the executive overview", () => {
    assert.equal(startPage("executive", manifest), "/");
  });
  await t.step("caretakers land on the first Star Ratings page without money", () => {
    assert.equal(startPage("caretaker", manifest), "/stars/forecast");
    assert.ok(!manifest.entries["/"]!.roles.includes("caretaker"));
  });
  await t.step("reviewers land on the data overview", () => {
    assert.equal(startPage("reviewer", manifest), "/data/");
  });
  await t.step("a `next` the role may not open falls back to the start page", () => {
    assert.equal(safeNext("/", manifest, "reviewer"), undefined);
    assert.equal(safeNext("/stars/whatif", manifest, "executive"), "/stars/whatif");
  });
});
