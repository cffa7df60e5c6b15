/**
 * Reads the first worksheet of an Excel workbook (`.xlsx`, Office Open XML) as text cells. The
 * parts read are few and regular (workbook, its relationships, shared strings, cell styles, one
 * sheet), so they are scanned with regular expressions rather than a general XML parser.
 */
import { openZip } from "./unzip.ts";

/** A worksheet as text: the header row and the data rows with their sheet row number − 1. */
export interface SheetText {
  headers: string[];
  rows: { rowNumber: number; cells: (string | null)[] }[];
}

/** Built-in number formats that show dates (ECMA-376 §18.8.30, and the CJK date formats). */
const BUILTIN_DATE_FORMATS = new Set([
  14,
  15,
  16,
  17,
  18,
  19,
  20,
  21,
  22,
  27,
  28,
  29,
  30,
  31,
  32,
  33,
  34,
  35,
  36,
  45,
  46,
  47,
  50,
  51,
  52,
  53,
  54,
  55,
  56,
  57,
  58,
]);

/** Attributes of an XML start tag, e.g. `<c r="A1" t="s">` → `{ r: "A1", t: "s" }`. */
function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[m[1]!] = decodeXml(m[2] ?? m[3] ?? "");
  }
  return attrs;
}

/**
 * Decodes XML entities and the `_xHHHH_` escapes Office writes for control characters.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(decodeXml("A &amp; B&#x2019;s_x000D_"), "A & B’s\r");
 * ```
 */
export function decodeXml(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&(#x[0-9A-Fa-f]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
      if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e]!;
    });
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs, phonetic guides left out. */
function stringItem(xml: string): string {
  return [...xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)]
    .map((m) => decodeXml(m[1]!)).join("");
}

/**
 * The 0-based column of a cell reference: `A1` → 0, `AB12` → 27.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(columnIndex("AB12"), 27);
 * ```
 */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase().match(/^[A-Z]+/)?.[0] ?? "") n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/**
 * The `YYYY-MM-DD` date of an Excel date serial (days since 1899-12-30, or since 1904-01-01 in
 * workbooks using the 1904 date system); a time of day is dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(excelDate(45296.75, false), "2024-01-05");
 * ```
 */
export function excelDate(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** True when a custom number format shows a date (d or y outside quoted text and [..] codes). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
  return /[dy]/i.test(bare);
}

/** For each cell style index, whether it shows numbers as dates. */
function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\b[^>]*>/g)) {
    const a = attributes(m[0]);
    custom.set(Number(a.numFmtId), a.formatCode ?? "");
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? "";
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attributes(m[0]).numFmtId ?? 0);
    return BUILTIN_DATE_FORMATS.has(id) || isDateFormat(custom.get(id) ?? "");
  });
}

/** The path of the workbook's first sheet part. */
function firstSheetPath(workbookXml: string, relsXml: string): string | null {
  const sheet = /<sheet\b[^>]*>/.exec(workbookXml);
  if (!sheet) return null;
  const id = Object.entries(attributes(sheet[0])).find(([k]) => k.endsWith(":id"))?.[1];
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if (a.Id === id && a.Target) return a.Target.startsWith("/") ? a.Target.slice(1) : `xl/${a.Target}`;
  }
  return null;
}

/** Reads the first worksheet's rows as text: row number (1-based, as in the sheet) and cells. */
function sheetRows(
  sheetXml: string,
  strings: readonly string[],
  dates: readonly boolean[],
  date1904: boolean,
): { row: number; cells: (string | null)[] }[] {
  const rows: { row: number; cells: (string | null)[] }[] = [];
  let lastRow = 0;
  for (const r of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const row = Number(attributes(r[1]!).r ?? lastRow + 1);
    lastRow = row;
    const cells: (string | null)[] = [];
    let lastColumn = -1;
    for (const c of (r[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = attributes(c[1]!);
      const column = a.r ? columnIndex(a.r) : lastColumn + 1;
      lastColumn = column;
      const body = c[2] ?? "";
      const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text: string | null = null;
      if (a.t === "inlineStr") text = stringItem(/<is\b[^>]*>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
      else if (v === undefined || a.t === "e") text = null;
      else if (a.t === "s") text = strings[Number(v)] ?? null;
      else if (a.t === "b") text = v === "1" ? "true" : "false";
      else if (a.t === "str") text = decodeXml(v);
      else if (a.t === "d") text = decodeXml(v).slice(0, 10);
      else if (dates[Number(a.s ?? 0)] && Number.isFinite(Number(v))) text = excelDate(Number(v), date1904);
      else text = decodeXml(v);
      while (cells.length < column) cells.push(null);
      cells[column] = text;
    }
    rows.push({ row, cells });
  }
  return rows;
}

/**
 * Reads the first worksheet of a workbook: row 1 is the header, later rows are data. Dates
 * become `YYYY-MM-DD`, booleans `true`/`false`, formulas their cached result, errors empty.
 * Rows with no value at all are skipped; row numbers stay those the analyst sees (sheet row − 1).
 */
export async function readXlsx(bytes: Uint8Array, name: string): Promise<SheetText> {
  const text = new TextDecoder();
  let part: (path: string) => Promise<string>;
  try {
    const zip = openZip(bytes);
    part = async (path) => {
      const data = await zip.read(path);
      return data === null ? "" : text.decode(data);
    };
  } catch (error) {
    throw new Error(`Cannot read ${name}: not an .xlsx workbook (${(error as Error).message})`);
  }
  const workbook = await part("xl/workbook.xml");
  const sheetPath = firstSheetPath(workbook, await part("xl/_rels/workbook.xml.rels"));
  if (sheetPath === null) throw new Error(`Cannot read ${name}: the workbook has no worksheet`);
  const strings = [...(await part("xl/sharedStrings.xml")).matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>/g)]
    .map((m) => stringItem(m[1]!));
  const date1904 = /<workbookPr\b[^>]*date1904\s*=\s*["'](1|true)["']/.test(workbook);
  const rows = sheetRows(await part(sheetPath), strings, dateStyles(await part("xl/styles.xml")), date1904);
  const headerRow = rows.find((r) => r.row === 1);
  const headers = (headerRow?.cells ?? []).map((h) => (h ?? "").trim());
  while (headers.length > 0 && headers.at(-1) === "") headers.pop();
  return {
    headers,
    rows: rows
      .filter((r) => r.row > 1 && r.cells.some((c) => c !== null && c.trim() !== ""))
      .map((r) => ({
        rowNumber: r.row - 1,
        cells: Array.from({ length: headers.length }, (_, i) => r.cells[i] ?? null),
      })),
  };
}
