/**
 * A Parquet writer for columns held in typed arrays: what a generator written in TypeScript needs to
 * write its tables without handing every value to DuckDB first.
 *
 * Layout (Apache Parquet format 2.x, read back by DuckDB in the tests): `PAR1`, then per row group
 * and column one column chunk — for dictionary columns a dictionary page (PLAIN; the entries the row
 * group uses) followed by one data page (v1) of RLE_DICTIONARY indices, otherwise one PLAIN data
 * page (booleans bit-packed, least significant bit first) — each page compressed with ZSTD
 * (level 1), then the footer (`FileMetaData`, Thrift compact protocol), its length and `PAR1`.
 * Optional columns carry definition levels (RLE/bit-packed hybrid, width 1: one RLE run when a
 * page is all values or all nulls, else bit-packed) before the values.
 * Each column chunk records its value count, null count and, for numbers and dates, min and max.
 * Same columns in → same bytes out.
 */
import zlib from "node:zlib";
import { encodeStruct, T, type ThriftField, type ThriftStruct, type ThriftValue } from "./thrift_compact.ts";

/** A column of 32-bit integers (or dates, as days since 1970-01-01); `null` entries when `valid[i]` is 0. */
export interface Int32Column {
  name: string;
  type: "int32" | "date";
  values: Int32Array;
  valid?: Uint8Array;
}

/** A column of doubles. */
export interface DoubleColumn {
  name: string;
  type: "double";
  values: Float64Array;
  valid?: Uint8Array;
}

/** A column of booleans, one byte each (0 false, otherwise true); `null` entries when `valid[i]` is 0. */
export interface BooleanColumn {
  name: string;
  type: "boolean";
  values: Uint8Array;
  valid?: Uint8Array;
}

/** A text column given as codes into a dictionary; code −1 is null. */
export interface DictionaryColumn {
  name: string;
  type: "dictionary";
  dictionary: readonly string[];
  codes: Int32Array;
}

/** A text column of (mostly) distinct values, as UTF-8 bytes: value i is `bytes[offsets[i]…offsets[i+1])`. */
export interface TextColumn {
  name: string;
  type: "text";
  bytes: Uint8Array;
  offsets: Int32Array;
}

/** One column of a table to write. */
export type Column = Int32Column | DoubleColumn | BooleanColumn | DictionaryColumn | TextColumn;

/** Options of {@linkcode writeParquetColumns}. */
export interface WriteOptions {
  /** Rows per row group (default 1,048,576). */
  rowGroupRows?: number;
}

const MAGIC = new TextEncoder().encode("PAR1");
if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) {
  throw new Error("parquet_write.ts copies numbers as they lie in memory and needs a little-endian machine");
}
const encoder = new TextEncoder();

/** Parquet enums used here (parquet.thrift). */
const PHYSICAL = { BOOLEAN: 0, INT32: 1, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
const ENCODING = { PLAIN: 0, RLE: 3, RLE_DICTIONARY: 8 } as const;
const PAGE = { DATA: 0, DICTIONARY: 2 } as const;
const CODEC_ZSTD = 6;
const REQUIRED = 0, OPTIONAL = 1;
const CONVERTED_UTF8 = 0, CONVERTED_DATE = 6;

const i32 = (value: number): ThriftValue => ({ type: T.I32, value: BigInt(value) });
const i64 = (value: number): ThriftValue => ({ type: T.I64, value: BigInt(value) });
const binary = (value: Uint8Array): ThriftValue => ({ type: T.BINARY, value });
const list = (elementType: number, items: ThriftValue[]): ThriftValue => ({
  type: T.LIST,
  elementType,
  items,
});
function struct(...fields: [number, ThriftValue | undefined][]): ThriftStruct {
  const present: ThriftField[] = [];
  for (const [id, value] of fields) if (value !== undefined) present.push({ id, value });
  return { type: T.STRUCT, fields: present };
}

/** A growable byte buffer. */
class Bytes {
  buf = new Uint8Array(1 << 16);
  length = 0;

  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  uint32(v: number): void {
    this.reserve(4);
    const b = this.buf, at = this.length;
    b[at] = v & 0xff;
    b[at + 1] = (v >>> 8) & 0xff;
    b[at + 2] = (v >>> 16) & 0xff;
    b[at + 3] = (v >>> 24) & 0xff;
    this.length += 4;
  }

  varint(v: number): void {
    while (v >= 0x80) {
      this.byte((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Appends `values[from…to)` as one bit-packed run of the RLE/bit-packed hybrid: header
 * ((groups << 1) | 1) as a varint, then groups of 8 values, `width` bits each, least significant
 * bit first (the last group padded with zeros).
 */
function bitPacked(out: Bytes, values: ArrayLike<number>, from: number, to: number, width: number): void {
  const groups = Math.ceil((to - from) / 8);
  out.varint(groups * 2 + 1);
  out.reserve(groups * width);
  const b = out.buf;
  let at = out.length, acc = 0, bits = 0;
  for (let i = from; i < from + groups * 8; i++) {
    const v = i < to ? values[i]! : 0;
    // width ≤ 24 keeps acc below 2³²
    acc = (acc | (v << bits)) >>> 0;
    bits += width;
    while (bits >= 8) {
      b[at++] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
  out.length = at;
}

const encodedDictionaries = new WeakMap<readonly string[], Uint8Array[]>();

/** A dictionary's entries as UTF-8, encoded once per dictionary. */
function encodedEntries(dictionary: readonly string[]): Uint8Array[] {
  let entries = encodedDictionaries.get(dictionary);
  // a dictionary that grew since (codes handed out as rows are made) is encoded again
  if (entries === undefined || entries.length !== dictionary.length) {
    entries = dictionary.map((entry) => encoder.encode(entry));
    encodedDictionaries.set(dictionary, entries);
  }
  return entries;
}

const slotTables = new WeakMap<readonly string[], Int32Array>();

/**
 * A table from dictionary code to the row group's own code, all −1: kept per dictionary and reset
 * by the caller after each row group (a million-entry table is not rebuilt for every row group).
 */
function dictionarySlots(dictionary: readonly string[]): Int32Array {
  let slots = slotTables.get(dictionary);
  if (slots === undefined || slots.length !== dictionary.length) {
    slots = new Int32Array(dictionary.length).fill(-1);
    slotTables.set(dictionary, slots);
  }
  return slots;
}

/** Bits needed for values 0…n−1 (at least 1). */
function bitWidth(n: number): number {
  let w = 1;
  while (2 ** w < n) w++;
  return w;
}

/** Deno's `node:zlib` has ZSTD (as Node.js 22.15+ does); its bundled type declarations predate it. */
const zstd = zlib as unknown as {
  zstdCompressSync?: (data: Uint8Array, options: { params: Record<number, number> }) => Uint8Array;
  constants: Record<string, number>;
};

function compress(page: Uint8Array): Uint8Array {
  const level = zstd.constants.ZSTD_c_compressionLevel;
  if (zstd.zstdCompressSync === undefined || level === undefined) {
    throw new Error("Cannot write Parquet: this Deno's node:zlib has no ZSTD compressor");
  }
  return zstd.zstdCompressSync(page, { params: { [level]: 1 } });
}

/** Little-endian bytes of a number as a Parquet statistic of the column's physical type. */
function statBytes(column: Int32Column | DoubleColumn, v: number): Uint8Array {
  const bytes = new Uint8Array(column.type === "double" ? 8 : 4);
  const view = new DataView(bytes.buffer);
  if (column.type === "double") view.setFloat64(0, v, true);
  else view.setInt32(0, v, true);
  return bytes;
}

function isOptional(column: Column): boolean {
  return column.type === "dictionary" || (column.type !== "text" && column.valid !== undefined);
}

function columnLength(column: Column): number {
  if (column.type === "dictionary") return column.codes.length;
  if (column.type === "text") return column.offsets.length - 1;
  return column.values.length;
}

/** Checks what the encoder relies on, naming the column and row at fault. */
function validate(columns: readonly Column[]): number {
  if (columns.length === 0) throw new Error("Cannot write Parquet: no columns");
  const rows = columnLength(columns[0]!);
  const names = new Set<string>();
  for (const column of columns) {
    if (names.has(column.name)) {
      throw new Error(`Cannot write Parquet: column "${column.name}" appears twice`);
    }
    names.add(column.name);
    const n = columnLength(column);
    if (n !== rows) {
      throw new Error(
        `Cannot write Parquet: column "${column.name}" has ${n} rows, "${columns[0]!.name}" ${rows}`,
      );
    }
    if (column.type === "dictionary") {
      if (column.dictionary.length > 1 << 24) {
        throw new Error(
          `Cannot write Parquet: column "${column.name}" has more than 2^24 dictionary entries`,
        );
      }
      for (let i = 0; i < n; i++) {
        const code = column.codes[i]!;
        if (code < -1 || code >= column.dictionary.length) {
          throw new Error(
            `Cannot write Parquet: column "${column.name}", row ${i}: code ${code} is outside its dictionary of ${column.dictionary.length}`,
          );
        }
      }
    } else if (column.type === "text") {
      for (let i = 0; i < n; i++) {
        if (column.offsets[i + 1]! < column.offsets[i]! || column.offsets[i + 1]! > column.bytes.length) {
          throw new Error(
            `Cannot write Parquet: column "${column.name}", row ${i}: offsets out of order or range`,
          );
        }
      }
    } else if (column.valid !== undefined && column.valid.length !== n) {
      throw new Error(
        `Cannot write Parquet: column "${column.name}" has ${column.valid.length} validity flags for ${n} rows`,
      );
    }
  }
  return rows;
}

interface Chunk {
  /** The chunk's pages, as written. */
  bytes: Uint8Array[];
  meta: ThriftStruct;
  /** Offsets relative to the chunk's start. */
  dataPageOffset: number;
  dictionaryPageOffset?: number;
  compressedSize: number;
  uncompressedSize: number;
}

function pageHeader(
  type: number,
  uncompressed: number,
  compressed: number,
  body: [number, ThriftStruct],
): Uint8Array {
  return encodeStruct(
    struct([1, i32(type)], [2, i32(uncompressed)], [3, i32(compressed)], [body[0], body[1]]),
  );
}

/** One column chunk of rows `from…to`. */
function encodeChunk(column: Column, from: number, to: number): Chunk {
  const rows = to - from;
  const optional = isOptional(column);
  const page = new Bytes();
  let nulls = 0;
  if (optional) {
    const levels = new Uint8Array(rows);
    if (column.type === "dictionary") {
      const codes = column.codes;
      for (let i = 0; i < rows; i++) levels[i] = codes[from + i]! >= 0 ? 1 : 0;
    } else if (column.type !== "text" && column.valid !== undefined) {
      const valid = column.valid;
      for (let i = 0; i < rows; i++) levels[i] = valid[from + i] !== 0 ? 1 : 0;
    } else levels.fill(1);
    for (let i = 0; i < rows; i++) nulls += 1 - levels[i]!;
    const encoded = new Bytes();
    if (nulls === 0 || nulls === rows) {
      // one RLE run: header (rows << 1) as a varint, then the level in one byte
      encoded.varint(rows * 2);
      encoded.byte(nulls === 0 ? 1 : 0);
    } else bitPacked(encoded, levels, 0, rows, 1);
    page.uint32(encoded.length);
    page.append(encoded.view());
  }
  const bytes: Uint8Array[] = [];
  let offset = 0, uncompressedSize = 0, dictionaryPageOffset: number | undefined;
  let encoding: number = ENCODING.PLAIN;
  let physical: number, stats: ThriftStruct | undefined;
  if (column.type === "dictionary") {
    physical = PHYSICAL.BYTE_ARRAY;
    encoding = ENCODING.RLE_DICTIONARY;
    // the row group's own dictionary: the entries its rows use, in order of first use, so a
    // dictionary of a million member ids costs each row group only the ids it holds
    const used: number[] = [];
    const codes = new Int32Array(rows - nulls);
    const slots = dictionarySlots(column.dictionary);
    let k = 0;
    for (let i = from; i < to; i++) {
      const code = column.codes[i]!;
      if (code < 0) continue;
      let mapped = slots[code]!;
      if (mapped < 0) {
        mapped = slots[code] = used.length;
        used.push(code);
      }
      codes[k++] = mapped;
    }
    for (const code of used) slots[code] = -1;
    const entries = encodedEntries(column.dictionary);
    const dictionary = new Bytes();
    for (const code of used) {
      const b = entries[code]!;
      dictionary.uint32(b.length);
      dictionary.append(b);
    }
    const compressed = compress(dictionary.view());
    const header = pageHeader(
      PAGE.DICTIONARY,
      dictionary.length,
      compressed.length,
      [7, struct([1, i32(used.length)], [2, i32(ENCODING.PLAIN)])],
    );
    dictionaryPageOffset = 0;
    bytes.push(header, compressed);
    offset += header.length + compressed.length;
    uncompressedSize += header.length + dictionary.length;
    const width = bitWidth(used.length);
    page.byte(width);
    if (codes.length > 0) bitPacked(page, codes, 0, codes.length, width);
  } else if (column.type === "text") {
    physical = PHYSICAL.BYTE_ARRAY;
    page.reserve(column.offsets[to]! - column.offsets[from]! + 4 * rows);
    const b = page.buf, src = column.bytes, offsets = column.offsets;
    let at = page.length;
    for (let i = from; i < to; i++) {
      const start = offsets[i]!, end = offsets[i + 1]!, n = end - start;
      b[at] = n & 0xff;
      b[at + 1] = (n >>> 8) & 0xff;
      b[at + 2] = (n >>> 16) & 0xff;
      b[at + 3] = n >>> 24;
      at += 4;
      for (let j = start; j < end; j++) b[at++] = src[j]!;
    }
    page.length = at;
  } else if (column.type === "boolean") {
    physical = PHYSICAL.BOOLEAN;
    // PLAIN booleans: one bit per present value, least significant bit first
    const present = new Uint8Array(rows - nulls);
    let k = 0, trues = 0;
    for (let i = from; i < to; i++) {
      if (column.valid !== undefined && column.valid[i] === 0) continue;
      const v = column.values[i] !== 0 ? 1 : 0;
      present[k++] = v;
      trues += v;
    }
    const packed = new Uint8Array(Math.ceil(present.length / 8));
    for (let i = 0; i < present.length; i++) packed[i >>> 3]! |= present[i]! << (i & 7);
    page.append(packed);
    const hasRange = present.length > 0;
    const max = Uint8Array.of(trues > 0 ? 1 : 0), min = Uint8Array.of(trues === present.length ? 1 : 0);
    stats = struct([3, i64(nulls)], [5, hasRange ? binary(max) : undefined], [
      6,
      hasRange ? binary(min) : undefined,
    ]);
  } else {
    physical = column.type === "double" ? PHYSICAL.DOUBLE : PHYSICAL.INT32;
    // the present values, copied as they lie in memory (little-endian, as Parquet stores them)
    let present: Int32Array | Float64Array = column.values.subarray(from, to);
    if (nulls > 0) {
      const compact = column.type === "double"
        ? new Float64Array(rows - nulls)
        : new Int32Array(rows - nulls);
      let k = 0;
      for (let i = from; i < to; i++) if (column.valid![i] !== 0) compact[k++] = column.values[i]!;
      present = compact;
    }
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < present.length; i++) {
      const v = present[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    page.append(new Uint8Array(present.buffer, present.byteOffset, present.byteLength));
    const hasRange = min <= max && !(column.type === "double" && (Number.isNaN(min) || Number.isNaN(max)));
    stats = struct(
      [3, i64(nulls)],
      [5, hasRange ? binary(statBytes(column, max)) : undefined],
      [6, hasRange ? binary(statBytes(column, min)) : undefined],
    );
  }
  stats ??= struct([3, i64(nulls)]);
  const compressed = compress(page.view());
  const header = pageHeader(
    PAGE.DATA,
    page.length,
    compressed.length,
    [5, struct([1, i32(rows)], [2, i32(encoding)], [3, i32(ENCODING.RLE)], [4, i32(ENCODING.RLE)])],
  );
  const dataPageOffset = offset;
  bytes.push(header, compressed);
  offset += header.length + compressed.length;
  uncompressedSize += header.length + page.length;
  const encodings = encoding === ENCODING.RLE_DICTIONARY
    ? [ENCODING.PLAIN, ENCODING.RLE, ENCODING.RLE_DICTIONARY]
    : [ENCODING.PLAIN, ENCODING.RLE];
  return {
    bytes,
    dataPageOffset,
    ...(dictionaryPageOffset === undefined ? {} : { dictionaryPageOffset }),
    compressedSize: offset,
    uncompressedSize,
    meta: struct(
      [1, i32(physical)],
      [2, list(T.I32, encodings.map(i32))],
      [3, list(T.BINARY, [binary(encoder.encode(column.name))])],
      [4, i32(CODEC_ZSTD)],
      [5, i64(rows)],
      [12, stats],
    ),
  };
}

function schemaElement(column: Column): ThriftStruct {
  const physical = column.type === "double"
    ? PHYSICAL.DOUBLE
    : column.type === "boolean"
    ? PHYSICAL.BOOLEAN
    : column.type === "int32" || column.type === "date"
    ? PHYSICAL.INT32
    : PHYSICAL.BYTE_ARRAY;
  const converted = column.type === "date"
    ? CONVERTED_DATE
    : column.type === "dictionary" || column.type === "text"
    ? CONVERTED_UTF8
    : undefined;
  // logicalType: DATE (field 6 of the union) or STRING (field 1)
  const logical = column.type === "date"
    ? struct([6, struct()])
    : converted === CONVERTED_UTF8
    ? struct([1, struct()])
    : undefined;
  return struct(
    [1, i32(physical)],
    [3, i32(isOptional(column) ? OPTIONAL : REQUIRED)],
    [4, binary(encoder.encode(column.name))],
    [6, converted === undefined ? undefined : i32(converted)],
    [10, logical],
  );
}

/** The shape of a column in the file's schema: name, type and whether it may hold nulls. */
function shapeOf(column: Column): string {
  return `${column.name}:${column.type}:${isOptional(column) ? "optional" : "required"}`;
}

/**
 * Writes a Parquet file a row group at a time, so that a table made in pieces never has to be in
 * memory whole: {@linkcode ParquetColumnsWriter.create} with the columns' shape (names, types,
 * nullability), {@linkcode writeRowGroup} for each piece, then {@linkcode close}.
 */
export class ParquetColumnsWriter {
  #offset = 0;
  #rows = 0;
  readonly #groups: ThriftValue[] = [];
  readonly #shape: string[];

  private constructor(
    private readonly file: Deno.FsFile,
    private readonly schema: readonly Column[],
  ) {
    this.#shape = schema.map(shapeOf);
  }

  /** Opens `path` (replacing it) for columns shaped like `schema` (their values are not written). */
  static async create(path: string, schema: readonly Column[]): Promise<ParquetColumnsWriter> {
    validate(schema);
    const writer = new ParquetColumnsWriter(
      await Deno.open(path, { write: true, create: true, truncate: true }),
      schema,
    );
    await writer.#write(MAGIC);
    return writer;
  }

  async #write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) done += await this.file.write(bytes.subarray(done));
    this.#offset += bytes.length;
  }

  /** Writes rows `from…to` of `columns` (shaped as the schema) as one row group. */
  async writeRowGroup(columns: readonly Column[], from = 0, to?: number): Promise<void> {
    const rows = validate(columns);
    const end = to ?? rows;
    const shape = columns.map(shapeOf);
    if (shape.join() !== this.#shape.join()) {
      throw new Error(
        `Cannot write Parquet: row group columns ${shape.join(", ")} differ from ${this.#shape.join(", ")}`,
      );
    }
    if (!(0 <= from && from <= end && end <= rows)) {
      throw new Error(`Cannot write Parquet: rows ${from}…${end} are outside the columns' ${rows}`);
    }
    if (end === from) return;
    const chunks: ThriftValue[] = [];
    let total = 0, compressedTotal = 0;
    const groupStart = this.#offset;
    for (const column of columns) {
      const chunk = encodeChunk(column, from, end);
      const start = this.#offset;
      for (const b of chunk.bytes) await this.#write(b);
      total += chunk.uncompressedSize;
      compressedTotal += chunk.compressedSize;
      const meta: ThriftStruct = {
        type: T.STRUCT,
        fields: [
          ...chunk.meta.fields.filter((f) => f.id < 6),
          { id: 6, value: i64(chunk.uncompressedSize) },
          { id: 7, value: i64(chunk.compressedSize) },
          { id: 9, value: i64(start + chunk.dataPageOffset) },
          ...(chunk.dictionaryPageOffset === undefined
            ? []
            : [{ id: 11, value: i64(start + chunk.dictionaryPageOffset) }]),
          ...chunk.meta.fields.filter((f) => f.id === 12),
        ],
      };
      chunks.push(struct([2, i64(start)], [3, meta]));
    }
    this.#groups.push(
      struct(
        [1, list(T.STRUCT, chunks)],
        [2, i64(total)],
        [3, i64(end - from)],
        [5, i64(groupStart)],
        [6, i64(compressedTotal)],
        [7, { type: T.I16, value: BigInt(this.#groups.length) }],
      ),
    );
    this.#rows += end - from;
  }

  /** Writes the footer and closes the file; returns the number of rows written. */
  async close(): Promise<number> {
    try {
      const footer = encodeStruct(
        struct(
          [1, i32(1)],
          [
            2,
            list(T.STRUCT, [
              struct([4, binary(encoder.encode("schema"))], [5, i32(this.schema.length)]),
              ...this.schema.map(schemaElement),
            ]),
          ],
          [3, i64(this.#rows)],
          [4, list(T.STRUCT, this.#groups)],
          [6, binary(encoder.encode("lodestar"))],
        ),
      );
      await this.#write(footer);
      const length = new Uint8Array(4);
      new DataView(length.buffer).setUint32(0, footer.length, true);
      await this.#write(length);
      await this.#write(MAGIC);
    } finally {
      this.file.close();
    }
    return this.#rows;
  }

  /** Closes the file without a footer (after a failure; the file is not valid Parquet). */
  abandon(): void {
    this.file.close();
  }
}

/**
 * Writes `columns` (all of one length) to a Parquet file at `path`; returns the number of rows.
 * Throws, naming the column and row, when the columns disagree in length, a code falls outside its
 * dictionary or text offsets are out of order.
 */
export async function writeParquetColumns(
  path: string,
  columns: readonly Column[],
  options: WriteOptions = {},
): Promise<number> {
  const rows = validate(columns);
  const groupRows = options.rowGroupRows ?? 1 << 20;
  if (!Number.isSafeInteger(groupRows) || groupRows < 1) {
    throw new Error(`Cannot write Parquet: rowGroupRows must be a positive integer (got ${groupRows})`);
  }
  const writer = await ParquetColumnsWriter.create(path, columns);
  try {
    for (let from = 0; from < rows; from += groupRows) {
      await writer.writeRowGroup(columns, from, Math.min(rows, from + groupRows));
    }
  } catch (error) {
    writer.abandon();
    throw error;
  }
  return await writer.close();
}
