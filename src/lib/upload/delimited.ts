/** A field separator the upload accepts. */
export type Delimiter = "," | ";" | "\t";

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
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    let done = false;
    for (; i < text.length && !done; i++) {
      const ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else {
          if (ch === "\n") line++;
          field += ch;
        }
      } else if (ch === '"') quoted = true;
      else if (ch === delimiter) {
        fields.push(field);
        field = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        line++;
        done = true;
      } else field += ch;
    }
    fields.push(field);
    yield { line: start, fields };
  }
}
