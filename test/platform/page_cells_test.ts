/**
 * A page's JavaScript cell shows its value only when the cell is a bare expression; once it ends in
 * a semicolon (as the formatter writes it) it is a program, and a table, chart or HTML block it
 * builds is thrown away unless passed to `display()`. This test reads every page's cells and fails
 * on one whose last statement builds such a value and drops it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "acorn";

// deno-lint-ignore no-explicit-any
type Node = any;

/** Whether evaluating `node` yields an element that only `display()` would put on the page. */
function buildsElement(node: Node): boolean {
  switch (node?.type) {
    case "ConditionalExpression":
      return buildsElement(node.consequent) || buildsElement(node.alternate);
    case "LogicalExpression":
      return buildsElement(node.left) || buildsElement(node.right);
    case "TaggedTemplateExpression":
      return ["html", "svg", "md"].includes(node.tag.name);
    case "CallExpression":
      return node.callee.type === "MemberExpression" && ["Inputs", "Plot"].includes(node.callee.object.name);
    default:
      return false;
  }
}

/** Every Markdown page under `dir`. */
async function* pages(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory && !entry.name.startsWith(".")) yield* pages(path);
    else if (entry.isFile && entry.name.endsWith(".md")) yield path;
  }
}

/** The ```js cells of a Markdown page, with the line each starts on. */
function cells(markdown: string): { line: number; source: string }[] {
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```/gm)].map((m) => ({
    line: markdown.slice(0, m.index).split("\n").length,
    source: m[1]!,
  }));
}

/** Cells whose value is built and dropped: `file:line`. */
function droppedValues(file: string, markdown: string): string[] {
  return cells(markdown).flatMap(({ line, source }) => {
    let program: Node;
    try {
      program = parse(source, {
        ecmaVersion: "latest",
        sourceType: "module",
        allowAwaitOutsideFunction: true,
      });
    } catch {
      return []; // a bare expression that is not a program, such as an object literal: Framework displays it
    }
    const last = program.body.at(-1);
    return last?.type === "ExpressionStatement" && source.trimEnd().endsWith(";") &&
        buildsElement(last.expression)
      ? [`${file}:${line}`]
      : [];
  });
}

Deno.test("page cells", async (t) => {
  await t.step("a cell that ends in a semicolon passes what it builds to display()", async () => {
    const dropped: string[] = [];
    for await (const path of pages(fileURLToPath(new URL("../../src/", import.meta.url)))) {
      dropped.push(...droppedValues(path, await Deno.readTextFile(path)));
    }
    assert.deepEqual(dropped, []);
  });

  await t.step("the check finds a table, a chart or HTML built and dropped, and nothing else", () => {
    const page = [
      "```js\nInputs.table(rows, { rows: 20 });\n```",
      "```js\nok ? html`<p>yes</p>` : Plot.plot({ marks: [] });\n```",
      "```js\ndisplay(Inputs.table(rows));\n```",
      "```js\nok ? display(html`<p>yes</p>`) : null;\n```",
      "```js\nInputs.table(rows)\n```",
      "```js\nconst t = Inputs.table(rows);\n```",
      '```js\nhistory.replaceState(null, "", "#a");\n```',
    ].join("\n\n");
    assert.deepEqual(droppedValues("page.md", page), ["page.md:1", "page.md:5"]);
  });
});
