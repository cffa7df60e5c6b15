/**
 * Who may open what: the one role policy that the access gateway enforces and that the sidebar
 * follows. It is rule-based over the navigation's sections and the data files' names, so pages and
 * tables added later are covered without editing a list of pages:
 *
 * - a page belongs to the section that lists it in `platform/navigation.ts` (the home page `/`
 *   is the Overview); a page in no section is opened by nobody (deny by default);
 * - inside a section, a page whose path names money (`roi`, `what-if`, `whatif`, `financial`) or is
 *   listed in `FINANCIAL_PAGES` is executive-only, and one whose path names members (`member`) or is
 *   listed in `MEMBER_PAGES` is caretaker-only;
 * - a data file `data/lodestar/NAME.EXT` is member-level when NAME starts with `member_` or is
 *   listed in `MEMBER_LEVEL_FILES` (caretaker only), financial when NAME matches the financial
 *   words or is listed in `FINANCIAL_FILES` (executive only), and otherwise an aggregate: every
 *   role that may open a page referencing it, plus the reviewer (who reads aggregate data);
 * - Framework's shared assets (`_observablehq/`, `_npm/`, `_import/`, `_duckdb/`) carry no data
 *   and are open to every signed-in role.
 *
 * This module runs under Node (the site config) and Deno (the gateway), so it uses no runtime API.
 */

/** Roles a signed-in person can hold. The allowlist's admin works through the `users` task. */
export const ROLES = ["executive", "caretaker", "reviewer"] as const;

/** A signed-in person's role. */
export type Role = typeof ROLES[number];

/** Whether a string is a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The name of the pseudo-section of the home page `/`. */
export const OVERVIEW = "Overview";

/** Sections (by their navigation name) and the roles that may open their pages. */
export const SECTION_ROLES: Readonly<Record<string, readonly Role[]>> = {
  [OVERVIEW]: ["executive"],
  "Utilization": ["executive"],
  "Star Ratings": ["executive", "caretaker"],
  "Care Management": ["caretaker"],
  "Data": ["reviewer"],
  "Model Cards": ["reviewer"],
  "Methodology": ["executive", "caretaker", "reviewer"],
};

/** Page paths and data file names containing one of these words are financial. */
export const FINANCIAL_WORDS = /(^|[^a-z])(roi|what-?if|whatif|financial|finance|money|revenue)([^a-z]|$)/;

/** Page paths containing this word are member-level. */
export const MEMBER_WORDS = /(^|[^a-z])members?([^a-z]|$)/;

/** Page paths (as in the navigation) that are financial though their path does not say so. */
export const FINANCIAL_PAGES: readonly string[] = ["/stars/overview", "/stars/weak-measures"];

/** Page paths (as in the navigation) that are member-level though their path does not say so. */
export const MEMBER_PAGES: readonly string[] = [];

/** Data file base names (no extension) that are member-level though their name does not say so. */
export const MEMBER_LEVEL_FILES: readonly string[] = [
  "care_gaps",
  "care_alerts",
  "care_member_risk",
  "care_member_timeline",
  "screening_history",
  "rejects",
];

/** Data file base names (no extension) that are financial though their name does not say so. */
export const FINANCIAL_FILES: readonly string[] = [
  "qbp_revenue",
  "roi",
  "weak_measures",
  "recommendations",
  "executive_summary",
];

/** Path prefixes of Framework's shared, data-free assets. */
export const SHARED_ASSET_PREFIXES: readonly string[] = [
  "/_observablehq/",
  "/_npm/",
  "/_import/",
  "/_duckdb/",
];

/** Roles that may open a page of `section` at `path` (a page path such as `/stars/roi`). */
export function pageRoles(section: string | undefined, path: string): Role[] {
  if (section === undefined) return [];
  const roles = SECTION_ROLES[section] ?? [];
  const lower = path.toLowerCase();
  if (FINANCIAL_WORDS.test(lower) || FINANCIAL_PAGES.includes(path)) {
    return roles.filter((r) => r === "executive");
  }
  if (MEMBER_WORDS.test(lower) || MEMBER_PAGES.includes(path)) return roles.filter((r) => r === "caretaker");
  return [...roles];
}

/** The kind of a data file, from its base name: `member`, `financial` or `aggregate`. */
export function dataFileKind(source: string): "member" | "financial" | "aggregate" {
  const file = source.split("/").pop() ?? source;
  const name = file.replace(/\.[^.]*$/, "").toLowerCase();
  if (name.startsWith("member_") || MEMBER_LEVEL_FILES.includes(name)) return "member";
  if (FINANCIAL_WORDS.test(name) || FINANCIAL_FILES.includes(name)) return "financial";
  return "aggregate";
}

/**
 * Roles that may fetch the data file `source` (its path under the site root, e.g.
 * `data/lodestar/member_gaps.parquet`), given the roles of the pages that reference it.
 */
export function dataFileRoles(source: string, referencingRoles: Iterable<Role>): Role[] {
  const kind = dataFileKind(source);
  if (kind === "member") return ["caretaker"];
  if (kind === "financial") return ["executive"];
  const roles = new Set<Role>(referencingRoles);
  roles.add("reviewer");
  return ROLES.filter((r) => roles.has(r));
}
