/**
 * What DuckDB's CSV reader needs to be told about an analyst's delimited text file: its
 * encoding, its delimiter and its header. Detection is done here rather than by DuckDB's
 * sniffer so that every column is read as text under a name we choose, whatever the file holds.
 */

/**
 * Encodings of analysts' delimited text. DuckDB's `read_csv` reads UTF-8 and Latin-1 itself;
 * Windows-1252 files are converted to UTF-8 before it reads them.
 */
export type CsvEncoding = "utf-8" | "latin-1" | "windows-1252";

/** How to read one delimited file. */
export interface CsvLayout {
  encoding: CsvEncoding;
  delimiter: string;
  /** Header cells as written, trimmed. */
  headers: string[];
}

/** Delimiters tried, in order of preference when counts tie. */
export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Bytes read to find the header record. */
const HEAD_BYTES = 1 << 16;

/**
 * True when `bytes` start a UTF-16 text (a UTF-16 byte-order mark), which DuckDB cannot read.
 */
export function isUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * Bytes 0x80–0x9F that Windows-1252 maps to printable characters (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “
 * ” • – — ˜ ™ š › œ ž Ÿ); in Latin-1 they are C1 control codes, which text files do not hold.
 * 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252 (WHATWG Encoding Standard).
 */
const WINDOWS_1252_ONLY: ReadonlySet<number> = new Set(
  Array.from({ length: 32 }, (_, i) => 0x80 + i).filter((b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b)),
);

/**
 * Decides a file's encoding from its bytes: UTF-8 when every chunk decodes as UTF-8 (with or
 * without a byte-order mark); otherwise Windows-1252 when some byte is one of Windows-1252's own
 * characters in 0x80–0x9F (€, curly quotes, en and em dashes), else Latin-1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * async function* chunks(...parts: number[][]) { for (const p of parts) yield new Uint8Array(p); }
 * assert.equal(await detectEncoding(chunks([0x4d, 0xc3], [0xa1])), "utf-8"); // "Má" split across chunks
 * assert.equal(await detectEncoding(chunks([0x4d, 0xe1])), "latin-1");
 * assert.equal(await detectEncoding(chunks([0x4d, 0xe1, 0x20, 0x80])), "windows-1252"); // "Má €"
 * ```
 */
export async function detectEncoding(chunks: AsyncIterable<Uint8Array>): Promise<CsvEncoding> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let utf8 = true;
  let windows1252 = false;
  for await (const chunk of chunks) {
    if (utf8) {
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        utf8 = false;
      }
    }
    if (!windows1252) windows1252 = chunk.some((b) => WINDOWS_1252_ONLY.has(b));
  }
  if (utf8) {
    try {
      decoder.decode();
      return "utf-8";
    } catch {
      // the file ends inside a UTF-8 sequence: not UTF-8
    }
  }
  return windows1252 ? "windows-1252" : "latin-1";
}

/**
 * Writes a UTF-8 copy of a Windows-1252 file to `target` (streamed; line structure unchanged,
 * so row numbers stay those of the original).
 */
export async function windows1252ToUtf8(source: string, target: string): Promise<void> {
  const input = await Deno.open(source);
  const output = await Deno.open(target, { write: true, create: true, truncate: true });
  await input.readable
    .pipeThrough(new TextDecoderStream("windows-1252"))
    .pipeThrough(new TextEncoderStream())
    .pipeTo(output.writable);
}

/**
 * The first record of delimited text: everything up to the first line end outside double
 * quotes, without a leading byte-order mark.
 */
export function firstRecord(text: string): string {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) return body.slice(0, i);
  }
  return body;
}

/**
 * Counts each candidate delimiter outside quotes in a header record and picks the most frequent
 * (comma when none occurs, or on a tie).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(detectDelimiter("member_id;company_id;age"), ";");
 * assert.equal(detectDelimiter('"a,b";c'), ";");
 * ```
 */
export function detectDelimiter(record: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of record) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = DELIMITERS[0];
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Splits one record into trimmed cells: double-quoted cells may hold the delimiter, and `""`
 * inside quotes is a quote.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(splitRecord(' a ,"b, ""c""" ,d', ","), ["a", 'b, "c"', "d"]);
 * ```
 */
export function splitRecord(record: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const ch = record[i]!;
    if (quoted) {
      if (ch === '"' && record[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/** Yields a file's bytes in chunks (the stream closes the file when done or cancelled). */
async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const file = await Deno.open(path);
  yield* file.readable;
}

/**
 * Detects the encoding, delimiter and header of a delimited text file. Throws when the file is
 * empty or UTF-16, naming the file.
 */
export async function detectCsv(path: string, name: string): Promise<CsvLayout> {
  const head = new Uint8Array(HEAD_BYTES);
  let length = 0;
  {
    using file = await Deno.open(path);
    while (length < HEAD_BYTES) {
      const n = await file.read(head.subarray(length));
      if (n === null) break;
      length += n;
    }
  }
  const bytes = head.subarray(0, length);
  if (isUtf16(bytes)) {
    throw new Error(`Cannot read ${name}: the file is UTF-16; save it as UTF-8 (or Latin-1) text`);
  }
  const encoding = await detectEncoding(fileChunks(path));
  // (the WHATWG "latin1" label decodes as Windows-1252, a superset of Latin-1's printable text)
  const text = new TextDecoder(encoding === "utf-8" ? "utf-8" : "windows-1252").decode(bytes);
  const record = firstRecord(text);
  if (record.trim() === "") {
    throw new Error(`Cannot read ${name}: the first line is empty; expected a header row`);
  }
  const delimiter = detectDelimiter(record);
  return { encoding, delimiter, headers: splitRecord(record, delimiter) };
}
