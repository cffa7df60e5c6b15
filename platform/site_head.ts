/**
 * What Framework's `head` option adds to every page: the icon, the print stylesheet (`platform/print.css`: no
 * sidebar, header, footer, table of contents or buttons; charts within A4 and Letter; report sections on new
 * pages), the screen accessibility rules (`platform/accessibility.css`) and the accessibility script
 * (`platform/accessibility.js`). Inlined rather than linked: `head` is copied into each page as is.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The `head` HTML for the project at `root`. */
export function siteHead(root: string): string {
  const read = (name: string) => readFileSync(join(root, "platform", name), "utf8").replaceAll("</", "<\\/");
  const print = read("print.css");
  if (!print.includes("@media print")) {
    throw new Error("platform/print.css must keep its rules inside @media print");
  }
  return [
    '<link rel="icon" href="data:,">',
    `<style>${print}</style>`,
    `<style>${read("accessibility.css")}</style>`,
    `<script>${read("accessibility.js")}</script>`,
  ].join("\n");
}
