/** A field separator the upload accepts. */
export type Delimiter = "," | ";" | "\t";

/** Lines of a text: one more than its line feeds (`"a\nb\n"` has 3, the last one empty). */
export function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

/**
 * Picks the delimiter of a CSV text: the one of comma, semicolon and tab that occurs most often outside
 * quotes in the first non-empty line (comma on a tie or when none occurs).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(sniffDelimiter('"a;b",c;d;e\n'), ";");
 * ```
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length && i < 65536; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      if (seen) break;
    } else if (!quoted && ch in counts) {
      counts[ch as Delimiter]++;
      seen = true;
    } else if (ch.trim() !== "") seen = true;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ",");
  return best;
}

/** One record of a delimited file: its fields and the 1-based line it starts on. */
export interface DelimitedRecord {
  line: number;
  fields: string[];
}

/**
 * Splits delimited text (RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes) into
 * records, lazily, so a caller can yield to the page between chunks. A leading byte-order mark is dropped;
 * rows end at LF or CRLF; a final empty line is not a record. `position()` tells how far the parse got.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const records = [...readDelimited('a;"b\nc"\r\n1;2\n', ";")];
 * assert.deepEqual(records, [{ line: 1, fields: ["a", "b\nc"] }, { line: 3, fields: ["1", "2"] }]);
 * ```
 */
export function* readDelimited(text: string, delimiter: Delimiter): Generator<DelimitedRecord> {
  const d = delimiter.charCodeAt(0);
  const QUOTE = 34, LF = 10, CR = 13;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let done = false;
    while (!done) {
      // one field: runs of plain characters are sliced, quoted parts unescaped
      let c = i < n ? text.charCodeAt(i) : -1;
      for (;;) {
        if (c === QUOTE) {
          i++;
          for (;;) {
            const q = text.indexOf('"', i);
            const end = q < 0 ? n : q;
            const part = text.slice(i, end);
            for (let k = part.indexOf("\n"); k >= 0; k = part.indexOf("\n", k + 1)) line++;
            field += part;
            i = end + 1;
            if (q >= 0 && text.charCodeAt(i) === QUOTE) {
              field += '"';
              i++;
            } else break;
          }
          c = i < n ? text.charCodeAt(i) : -1;
          continue;
        }
        const from = i;
        while (i < n && c !== d && c !== LF && c !== CR && c !== QUOTE) c = text.charCodeAt(++i);
        field += text.slice(from, i);
        if (c === QUOTE && i < n) continue;
        break;
      }
      fields.push(field);
      field = "";
      if (i >= n) done = true;
      else if (c === d) i++;
      else {
        if (c === CR && text.charCodeAt(i + 1) === LF) i++;
        i++;
        line++;
        done = true;
      }
    }
    yield { line: start, fields };
  }
}
