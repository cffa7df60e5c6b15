// Fills in what the generated markup leaves out for assistive technology, on every page:
// - the document language;
// - Framework's sidebar keeps its close control inside a list: hidden from assistive technology (the
//   toggle button labels the same action);
// - Plot labels its mark groups (<g aria-label="bar">) without a role, which ARIA does not allow: role="group";
// - scrollable Inputs tables get a tab stop so keyboard users can scroll them;
// - Inputs range sliders take the label of their number box.
document.documentElement.lang = "en";
function lodestarAccessibility(root) {
  for (const el of root.querySelectorAll("#observablehq-sidebar-close")) {
    el.setAttribute("aria-hidden", "true");
  }
  for (const g of root.querySelectorAll("svg g[aria-label]:not([role])")) g.setAttribute("role", "group");
  for (const t of root.querySelectorAll("form[class$='-table']:not([tabindex])")) {
    t.setAttribute("tabindex", "0");
  }
  for (const input of root.querySelectorAll("form input[type=range]:not([aria-label])")) {
    const label = input.closest("form")?.querySelector("label")?.textContent?.trim();
    if (label) input.setAttribute("aria-label", label);
  }
}
addEventListener("DOMContentLoaded", () => {
  lodestarAccessibility(document);
  new MutationObserver(() => lodestarAccessibility(document)).observe(document.body, {
    childList: true,
    subtree: true,
  });
});
