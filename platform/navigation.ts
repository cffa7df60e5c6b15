/**
 * The site's sections and pages: one list that the sidebar reads and that the access gateway reads
 * with the role policy in `platform/access_policy.ts`. A section appears only once it has pages
 * with content.
 */
import { OVERVIEW, pageRoles, type Role } from "./access_policy.ts";

/** A page in the sidebar. */
export interface NavPage {
  name: string;
  path: string;
}

/** A sidebar section. */
export interface NavSection {
  name: string;
  pages: NavPage[];
}

/** Sections in reading order. Overview is the home page (`/`). */
export const SECTIONS: readonly NavSection[] = [
  {
    name: "Utilization",
    pages: [
      { name: "Utilization overview", path: "/utilization/" },
      { name: "Company deep dive", path: "/utilization/company" },
      { name: "Drivers", path: "/utilization/drivers" },
      { name: "Portfolio monitor", path: "/utilization/monitor" },
      { name: "Prediction center", path: "/utilization/prediction" },
    ],
  },
  {
    name: "Star Ratings",
    pages: [
      { name: "Contract overview", path: "/stars/overview" },
      { name: "Weak measures", path: "/stars/weak-measures" },
      { name: "Forecast", path: "/stars/forecast" },
      { name: "What-If & ROI", path: "/stars/whatif" },
      { name: "National context", path: "/stars/national" },
    ],
  },
  {
    name: "Care Management",
    pages: [
      { name: "Worklist", path: "/care/worklist" },
      { name: "Member detail", path: "/care/member" },
      { name: "Alerts", path: "/care/alerts" },
      { name: "Gap closure progress", path: "/care/progress" },
      { name: "Patient risk model", path: "/care/model" },
    ],
  },
  {
    name: "Data",
    pages: [
      { name: "Overview", path: "/data/" },
      { name: "Dictionary", path: "/data/dictionary" },
      { name: "Explorer", path: "/data/explorer" },
      { name: "Upload star files", path: "/data/upload-stars" },
      { name: "Upload claims and members", path: "/data/upload-claims" },
    ],
  },
  {
    name: "Methodology",
    pages: [
      { name: "Overview", path: "/methodology/" },
      { name: "Synthetic data generation", path: "/methodology/synthetic-data" },
      { name: "KPIs and avoidable ER", path: "/methodology/kpis" },
      { name: "IVI", path: "/methodology/ivi" },
      { name: "Next-month risk model", path: "/methodology/next-month-risk" },
      { name: "Star Ratings engine", path: "/methodology/stars-engine" },
      { name: "Star forecast", path: "/methodology/star-forecast" },
      { name: "Patient risk model", path: "/methodology/patient-risk" },
      { name: "Recommendations", path: "/methodology/recommendations" },
      { name: "Reproducibility", path: "/methodology/reproducibility" },
    ],
  },
  {
    name: "Model Cards",
    pages: [
      { name: "Next-month company risk", path: "/model-cards/next-month-risk" },
      { name: "Patient risk", path: "/model-cards/patient-risk" },
      { name: "Star forecast", path: "/model-cards/star-forecast" },
      { name: "Cut-point clustering", path: "/model-cards/cut-points" },
    ],
  },
];

/** Framework `pages` config: the sections that have pages, with `open` set. */
export function sidebarPages(): { name: string; open: boolean; pages: NavPage[] }[] {
  return SECTIONS.filter((s) => s.pages.length > 0).map((s) => ({
    name: s.name,
    open: true,
    pages: s.pages,
  }));
}

/** Normalises a page path for comparison: `/data/` and `/data/index` are one page; `.html` dropped. */
export function pagePathKey(path: string): string {
  const bare = path.replace(/\.html$/, "").replace(/\/index$/, "/");
  return bare === "" ? "/" : bare;
}

/** The section that lists the page at `path` (`Overview` for `/`), or undefined when none does. */
export function sectionOf(path: string): string | undefined {
  const key = pagePathKey(path);
  if (key === "/") return OVERVIEW;
  return SECTIONS.find((s) => s.pages.some((p) => pagePathKey(p.path) === key))?.name;
}

/** Roles that may open the page at `path`, by its section (see `platform/access_policy.ts`). */
export function rolesForPage(path: string): Role[] {
  return pageRoles(sectionOf(path), pagePathKey(path));
}

/** The sidebar a role sees: only the pages it may open, and only sections left with pages. */
export function sidebarFor(role: Role): { name: string; pages: NavPage[] }[] {
  return SECTIONS.map((s) => ({
    name: s.name,
    pages: s.pages.filter((p) => rolesForPage(p.path).includes(role)),
  })).filter((s) => s.pages.length > 0);
}
