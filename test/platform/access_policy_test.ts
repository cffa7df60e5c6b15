/** The role policy's rules and the per-role sidebar built from the navigation. */
import assert from "node:assert/strict";
import { dataFileKind, dataFileRoles, pageRoles, SECTION_ROLES } from "../../platform/access_policy.ts";
import { rolesForPage, sectionOf, SECTIONS, sidebarFor } from "../../platform/navigation.ts";

Deno.test("pageRoles()", async (t) => {
  await t.step("a page in no section is open to nobody", () => {
    assert.deepEqual(pageRoles(undefined, "/x"), []);
    assert.deepEqual(pageRoles("Unknown section", "/x"), []);
  });
  await t.step("financial and member-level page paths narrow the section's roles", () => {
    assert.deepEqual(pageRoles("Star Ratings", "/stars/measures"), ["executive", "caretaker"]);
    assert.deepEqual(pageRoles("Star Ratings", "/stars/what-if"), ["executive"]);
    assert.deepEqual(pageRoles("Star Ratings", "/stars/roi"), ["executive"]);
    assert.deepEqual(pageRoles("Star Ratings", "/stars/whatif"), ["executive"]);
    assert.deepEqual(pageRoles("Care Management", "/care/members"), ["caretaker"]);
    assert.deepEqual(pageRoles("Utilization", "/utilization/members"), []);
    assert.deepEqual(pageRoles("Methodology", "/methodology/"), ["executive", "caretaker", "reviewer"]);
    // Words inside other words do not count.
    assert.deepEqual(pageRoles("Star Ratings", "/stars/heroic"), ["executive", "caretaker"]);
  });
});

Deno.test("dataFileKind() and dataFileRoles()", () => {
  assert.equal(dataFileKind("data/lodestar/member_gaps.parquet"), "member");
  assert.equal(dataFileKind("data/lodestar/care_gaps.parquet"), "member");
  assert.equal(dataFileKind("data/lodestar/whatif_roi.parquet"), "financial");
  assert.equal(dataFileKind("data/lodestar/qbp_revenue.parquet"), "financial");
  assert.equal(dataFileKind("data/lodestar/company_month_kpis.parquet"), "aggregate");
  assert.deepEqual(dataFileRoles("data/lodestar/member_gaps.parquet", ["executive", "reviewer"]), [
    "caretaker",
  ]);
  assert.deepEqual(dataFileRoles("data/lodestar/roi.parquet", ["caretaker"]), ["executive"]);
  assert.deepEqual(dataFileRoles("data/lodestar/kpis.parquet", ["executive"]), ["executive", "reviewer"]);
  assert.deepEqual(dataFileRoles("data/lodestar/kpis.parquet", []), ["reviewer"]);
});

Deno.test("navigation and policy agree", async (t) => {
  await t.step("every navigation section has an entry in the policy", () => {
    for (const section of SECTIONS) assert.ok(section.name in SECTION_ROLES, section.name);
  });
  await t.step("sectionOf() and rolesForPage() read the navigation", () => {
    assert.equal(sectionOf("/"), "Overview");
    assert.equal(sectionOf("/index.html"), "Overview");
    assert.equal(sectionOf("/data/explorer.html"), "Data");
    assert.equal(sectionOf("/data/index.html"), "Data");
    assert.equal(sectionOf("/nowhere"), undefined);
    assert.deepEqual(rolesForPage("/data/dictionary.html"), ["reviewer"]);
    assert.deepEqual(rolesForPage("/data/upload-claims.html"), ["reviewer"]);
  });
  await t.step("sidebarFor() lists only pages the role may open", () => {
    for (const role of ["executive", "caretaker", "reviewer"] as const) {
      for (const section of sidebarFor(role)) {
        assert.ok(section.pages.length > 0);
        for (const page of section.pages) {
          assert.ok(rolesForPage(page.path).includes(role), `${role} ${page.path}`);
        }
      }
    }
  });
});

Deno.test("the Star Ratings pages and files that carry money are executive-only", () => {
  for (const path of ["/stars/overview", "/stars/weak-measures", "/stars/whatif"]) {
    assert.deepEqual(rolesForPage(path), ["executive"], path);
  }
  assert.deepEqual(rolesForPage("/stars/national"), ["executive", "caretaker"]);
  for (
    const file of [
      "star_money.parquet",
      "weak_measures.parquet",
      "stars_revenue.parquet",
      "recommendations.parquet",
    ]
  ) {
    assert.equal(dataFileKind(file), "financial", file);
  }
  assert.equal(dataFileKind("contract_star_ratings.parquet"), "aggregate");
});

Deno.test("the executive summary is financial and the overview it feeds is executive-only", () => {
  assert.equal(dataFileKind("data/lodestar/executive_summary.json"), "financial");
  assert.deepEqual(dataFileRoles("data/lodestar/executive_summary.json", ["executive", "reviewer"]), [
    "executive",
  ]);
  assert.deepEqual(rolesForPage("/"), ["executive"]);
});
