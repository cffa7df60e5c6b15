/**
 * The site's sections and pages: one list that the sidebar reads (and that the access gateway
 * will read for its role policy). A section appears only once it has pages with content.
 */

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
  { name: "Utilization", pages: [] },
  { name: "Star Ratings", pages: [] },
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
    ],
  },
  { name: "Methodology", pages: [] },
];

/** Framework `pages` config: the sections that have pages, with `open` set. */
export function sidebarPages(): { name: string; open: boolean; pages: NavPage[] }[] {
  return SECTIONS.filter((s) => s.pages.length > 0).map((s) => ({
    name: s.name,
    open: true,
    pages: s.pages,
  }));
}
