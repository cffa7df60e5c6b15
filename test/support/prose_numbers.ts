/**
 * Finds numbers typed into the prose of a Framework Markdown page: everything outside front matter,
 * fenced code, `<math>` formulas, inline code, `${…}` expressions, HTML tags, link targets and the
 * References section (citations carry years, volumes and section numbers). A methodology page must
 * take every figure from a build output, so a number left in its prose is either a definitional
 * constant (listed in `allow`) or a typed-in metric.
 */

/** A number found in prose, with its 1-based line. */
export interface ProseNumber {
  line: number;
  token: string;
}

/** Years are dates, not metrics. */
const YEAR = /^(19|20)\d\d$/;

/** Blanks out `pattern`'s matches keeping line breaks, so line numbers stay right. */
function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (m) => m.replace(/[^\n]/g, " "));
}

/** The numbers in the prose of `markdown` that are not years and not in `allow`. */
export function proseNumbers(markdown: string, allow: ReadonlySet<string> = new Set()): ProseNumber[] {
  let text = blank(markdown, /^---\n[\s\S]*?\n---\n/);
  text = blank(text, /^```[\s\S]*?^```/gm);
  text = blank(text, /<math[\s\S]*?<\/math>/g);
  text = blank(text, /<style[\s\S]*?<\/style>/g);
  text = blank(text, /\$\{(?:[^{}]|\{[^{}]*\})*\}/g);
  text = blank(text, /`[^`\n]*`/g);
  text = blank(text, /<[^>\n]*>/g);
  text = blank(text, /\]\([^)\n]*\)/g);
  text = blank(text, /^## References\n[\s\S]*?(?=^## |$(?![\s\S]))/m);
  const found: ProseNumber[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(/(?<![\w.-])[−-]?\d[\d,]*(?:\.\d+)?%?/g)) {
      const token = m[0].replace(/^[−-]/, "").replace(/,$/, "");
      if (YEAR.test(token) || allow.has(token)) continue;
      found.push({ line: i + 1, token });
    }
  });
  return found;
}
