/**
 * The methodology section's structure: one page per method on the same template, model cards on
 * theirs, every code path they name exists, no figure typed into their prose, no paragraph copied
 * from docs/, and the navigation lists exactly these pages.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { SECTIONS } from "../../platform/navigation.ts";
import { ROOT } from "../support/project.ts";
import { proseNumbers } from "../support/prose_numbers.ts";

const METHOD_TEMPLATE = [
  "Purpose",
  "Inputs",
  "Formula",
  "Code location",
  "Validation results",
  "Known limitations",
  "References",
];
const CARD_TEMPLATE = [
  "Training window",
  "Features",
  "Metrics vs baselines",
  "Calibration",
  "Intended use",
  "Misuse",
];

const METHODS = [
  "synthetic-data",
  "kpis",
  "ivi",
  "next-month-risk",
  "stars-engine",
  "star-forecast",
  "patient-risk",
  "recommendations",
];
const CARDS = ["next-month-risk", "patient-risk", "star-forecast", "cut-points"];

/**
 * Definitional constants a page may state in prose (units, formula parameters, rule thresholds);
 * anything else numeric must come from a build output. Per page, on top of 0, 1, 2.
 */
const ALLOWED: Record<string, readonly string[]> = {
  "methodology/kpis.md": ["1,000"],
  "methodology/ivi.md": ["100", "1,000", "0–100"],
  "methodology/next-month-risk.md": ["95"],
  "methodology/index.md": ["0–100", "100"],
};
const ALWAYS = ["0", "1", "2"];

const read = (page: string) => Deno.readTextFileSync(join(ROOT, "src", page));

function headings(markdown: string, level: "##"): string[] {
  const body = markdown.replace(/^```[\s\S]*?^```/gm, "");
  return [...body.matchAll(new RegExp(`^${level} (.+)$`, "gm"))].map((m) => m[1]!.trim());
}

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) return "";
  const next = markdown.indexOf("\n## ", start + 4);
  return markdown.slice(start, next < 0 ? undefined : next);
}

const pages = [
  ...METHODS.map((m) => `methodology/${m}.md`),
  ...CARDS.map((c) => `model-cards/${c}.md`),
  "methodology/index.md",
  "methodology/reproducibility.md",
];

Deno.test("every method page follows the template", async (t) => {
  for (const m of METHODS) {
    await t.step(m, () => {
      const md = read(`methodology/${m}.md`);
      assert.deepEqual(headings(md, "##"), METHOD_TEMPLATE);
      assert.match(section(md, "Formula"), /<math display="block">/, "the formula is math");
      const validation = section(md, "Validation results");
      assert.match(
        validation,
        /```js[\s\S]*(checksTable|figureTable|Plot\.plot)\(/,
        "validation is computed",
      );
      assert.match(
        md,
        /FileAttachment\("\.\.\/data\/lodestar\/[a-z_0-9]+\.parquet"\)/,
        "reads a build output",
      );
    });
  }
});

Deno.test("every model card follows its template", async (t) => {
  for (const c of CARDS) {
    await t.step(c, () => {
      const md = read(`model-cards/${c}.md`);
      assert.deepEqual(headings(md, "##"), CARD_TEMPLATE);
      assert.match(section(md, "Metrics vs baselines"), /```js[\s\S]*(checksTable|figureTable)\(/);
    });
  }
});

Deno.test("every repository path a methodology page names exists", () => {
  const missing: string[] = [];
  for (const page of pages) {
    for (const m of read(page).matchAll(/`((?:loaders|models|src|test|data|docs|platform)\/[\w./-]+)`/g)) {
      if (!existsSync(join(ROOT, m[1]!))) missing.push(`${page}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

Deno.test("proseNumbers()", async (t) => {
  const page = [
    "---",
    "title: x",
    "---",
    "# Title",
    "",
    "Scored in 2026 with `C = 10` and ${metric(rows, 'x', {}, 'value')}.",
    "",
    '<math display="block"><mn>0.5</mn></math>',
    "",
    "```js",
    "const threshold = 55;",
    "```",
    "",
    'See [the page](../x-2/y3) and <td data-x="4">text</td>.',
    "",
    "## References",
    "",
    "- Smith J. Journal 12(3), 2019, pp. 45–67.",
  ].join("\n");
  await t.step("ignores years, code, math, expressions, tags, links and references", () => {
    assert.deepEqual(proseNumbers(page), []);
  });
  await t.step("finds a planted metric in the prose, with its line", () => {
    const planted = page.replace(
      "# Title\n",
      "# Title\n\nThe pooled ROC-AUC is 0.881 on 2,016 rows (12.7%).\n",
    );
    assert.deepEqual(proseNumbers(planted), [
      { line: 6, token: "0.881" },
      { line: 6, token: "2,016" },
      { line: 6, token: "12.7%" },
    ]);
  });
  await t.step("allows listed definitional constants", () => {
    assert.deepEqual(proseNumbers("IVI below 55 is High.\n", new Set(["55"])), []);
  });
});

Deno.test("no methodology page or model card has a figure typed into its prose", async (t) => {
  for (const page of pages) {
    await t.step(page, () => {
      const allow = new Set([...ALWAYS, ...(ALLOWED[page] ?? [])]);
      assert.deepEqual(
        proseNumbers(read(page), allow),
        [],
        `${page}: numbers in prose (take them from a build output)`,
      );
    });
  }
  await t.step("a planted wrong figure in a real page fails the check", () => {
    const md = read("methodology/next-month-risk.md").replace(
      "## Known limitations\n",
      "## Known limitations\n\nThe pooled ROC-AUC is 0.915 against 0.742 for persistence.\n",
    );
    assert.deepEqual(
      proseNumbers(md, new Set([...ALWAYS, ...ALLOWED["methodology/next-month-risk.md"]!])).map((n) =>
        n.token
      ),
      [
        "0.915",
        "0.742",
      ],
    );
  });
});

Deno.test("methodology pages and docs/ do not copy each other's paragraphs", () => {
  const paragraphs = (text: string) =>
    text.replace(/^```[\s\S]*?^```/gm, "").split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim())
      .filter((p) => p.length >= 160 && !p.startsWith("|"));
  const docs = new Set<string>();
  for (const entry of Deno.readDirSync(join(ROOT, "docs"))) {
    if (entry.name.endsWith(".md")) {
      for (const p of paragraphs(Deno.readTextFileSync(join(ROOT, "docs", entry.name)))) {
        docs.add(p);
      }
    }
  }
  const copied = pages.flatMap((page) =>
    paragraphs(read(page)).filter((p) => docs.has(p)).map((p) => `${page}: ${p.slice(0, 80)}…`)
  );
  assert.deepEqual(copied, []);
});

Deno.test("the navigation lists exactly the methodology pages and model cards", () => {
  const nav = (name: string) => SECTIONS.find((s) => s.name === name)?.pages.map((p) => p.path) ?? [];
  assert.deepEqual(
    nav("Methodology").sort(),
    ["/methodology/", ...[...METHODS, "reproducibility"].map((m) => `/methodology/${m}`)].sort(),
  );
  assert.deepEqual(nav("Model Cards").sort(), CARDS.map((c) => `/model-cards/${c}`).sort());
  const files = (dir: string) =>
    [...Deno.readDirSync(join(ROOT, "src", dir))].filter((e) => e.name.endsWith(".md")).map((e) => e.name)
      .sort();
  assert.deepEqual(
    files("methodology"),
    ["index.md", ...[...METHODS, "reproducibility"].map((m) => `${m}.md`)].sort(),
  );
  assert.deepEqual(files("model-cards"), CARDS.map((c) => `${c}.md`).sort());
});
