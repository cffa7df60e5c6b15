// The caretaker assistant panel. A care page mounts it with the member row it shows:
//
//   import {Assistant} from "./components/assistant.js";
//   display(Assistant({gaps, risk_score, reasons}));
//
// It posts {question, member} to the gateway's /api/assistant (same origin, so the browser sends the
// session cookie, Origin and Sec-Fetch-Site) and shows the reply's actions, rationale, expected effect,
// the figures used and where the answer came from; errors and refusals are shown, never a blank panel.
import { assistantView } from "./assistant_text.js";

/** What the panel says on a page served without the gateway (a static preview). */
export const OFFLINE_NOTE = "The care assistant answers through the Lodestar gateway after sign-in. " +
  "This page is served without it (a static preview), so questions cannot be sent from here.";

/**
 * The panel element.
 * @param {object} member the member's care fields: gaps, risk_score, reasons (identifiers are removed server-side)
 * @param {{endpoint?: string, fetch?: typeof fetch, document?: Document, gateway?: boolean}} [options]
 *   `gateway`: whether the page is served by the gateway (default: its sign-out form is on the page)
 */
export function Assistant(member, options = {}) {
  const { endpoint = "/api/assistant", fetch: send = globalThis.fetch, document: doc = globalThis.document } =
    options;
  const el = (tag, props = {}, ...children) => {
    const node = doc.createElement(tag);
    Object.assign(node, props);
    for (const child of children) node.append(child);
    return node;
  };
  const input = el("textarea", {
    rows: 2,
    maxLength: 500,
    placeholder: "Ask about this member's gaps and next steps",
  });
  const button = el("button", { type: "submit", textContent: "Ask" });
  const output = el("div", { className: "assistant-answer" });
  output.setAttribute("aria-live", "polite");
  const form = el(
    "form",
    { className: "assistant" },
    el("label", { textContent: "Care assistant" }),
    input,
    button,
  );
  const panel = el("div", { className: "assistant-panel" }, form, output);
  // The gateway adds its sign-out form to every page it serves; without it the page is a static preview
  // with no /api/assistant, so the panel says so instead of sending a request that can only fail.
  const served = options.gateway ?? doc.querySelector("form.lodestar-signout") !== null;
  if (!served) {
    input.disabled = true;
    button.disabled = true;
    output.append(el("p", { className: "note", textContent: OFFLINE_NOTE }));
    panel.dataset.kind = "offline";
    return panel;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    button.disabled = true;
    output.replaceChildren(el("p", { textContent: "Thinking…" }));
    let status = 0;
    let reply;
    try {
      const response = await send(endpoint, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question, member }),
      });
      status = response.status;
      reply = await response.json().catch(() => undefined);
    } catch {
      status = 0;
    }
    const view = assistantView(status, reply);
    output.replaceChildren(
      ...view.lines.map((line) => el("p", { textContent: line })),
      ...(view.actions.length
        ? [el("ol", {}, ...view.actions.map((a) => el("li", { textContent: a })))]
        : []),
      ...(view.figures.length
        ? [el("p", { className: "figures", textContent: `Figures used: ${view.figures.join(", ")}` })]
        : []),
      ...(view.label ? [el("p", { className: "source", textContent: view.label })] : []),
      ...(view.note ? [el("p", { className: "note", textContent: view.note })] : []),
    );
    panel.dataset.kind = view.kind;
    button.disabled = false;
  });
  return panel;
}
