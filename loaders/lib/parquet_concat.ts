/**
 * Joins Parquet files with the same schema into one file, row groups in order, without decoding a
 * page: each part's column chunks are copied as they are and the footer is rebuilt, so joining
 * costs a file copy where rewriting the rows would cost a second encode and compression.
 *
 * A Parquet file is `PAR1`, the row groups' pages (and bloom filters), the footer (`FileMetaData`,
 * Thrift compact), the footer's length (4 bytes little-endian) and `PAR1`. Part k's bytes land at
 * a shift of s_k = (its new position) − 4, so every absolute offset in its footer becomes
 * offset + s_k: the row group's `file_offset` and each column chunk's data, index, dictionary and
 * bloom-filter offsets. The joined footer is the first part's with `num_rows` = Σ rows and the
 * parts' row groups (ordinals renumbered). Page indexes (column and offset indexes) hold absolute
 * page offsets inside the data, so a part that has them is refused rather than mis-joined.
 */
import {
  decodeStruct,
  encodeStruct,
  field,
  T,
  type ThriftField,
  type ThriftStruct,
  type ThriftValue,
} from "./thrift_compact.ts";

const MAGIC = new TextEncoder().encode("PAR1");

/** FileMetaData fields used here (parquet.thrift). */
const FILE = { schema: 2, numRows: 3, rowGroups: 4 } as const;
/** RowGroup fields. */
const ROW_GROUP = { columns: 1, fileOffset: 5, ordinal: 7 } as const;
/** ColumnChunk fields. */
const CHUNK = { metaData: 3, offsetIndexOffset: 4, columnIndexOffset: 6 } as const;
/** ColumnMetaData fields holding absolute file offsets. */
const META_OFFSETS = [9, 10, 11, 14] as const; // data page, index page, dictionary page, bloom filter

interface Part {
  path: string;
  bytes: Uint8Array;
  footer: ThriftStruct;
  /** Where the footer starts: the part's pages are bytes [4, footerStart). */
  footerStart: number;
}

/**
 * Where a Parquet file's footer lies: bytes [start, end) of `bytes`, the file at `path`. Throws when
 * the file is not Parquet.
 */
export function footerRange(path: string, bytes: Uint8Array): { start: number; end: number } {
  const n = bytes.length;
  const ends = (at: number) => MAGIC.every((b, i) => bytes[at + i] === b);
  if (n < 12 || !ends(0) || !ends(n - 4)) {
    throw new Error(`Cannot join ${path}: it is not a Parquet file (no PAR1 at both ends)`);
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset + n - 8, 4).getUint32(0, true);
  const start = n - 8 - length;
  if (start < 4) throw new Error(`Cannot join ${path}: its footer length (${length}) exceeds the file`);
  return { start, end: n - 8 };
}

function readPart(path: string, bytes: Uint8Array): Part {
  const { start, end } = footerRange(path, bytes);
  return { path, bytes, footer: decodeStruct(bytes.subarray(start, end)), footerStart: start };
}

function struct(value: ThriftValue | undefined, what: string): ThriftStruct {
  if (value?.type !== T.STRUCT) throw new Error(`Cannot join Parquet files: ${what} is missing`);
  return value;
}

function list(value: ThriftValue | undefined): ThriftValue[] {
  return value?.type === T.LIST ? value.items : [];
}

/**
 * `fields` with each i64 field whose id is in `ids` moved by `shift`; a 0 stays (no real offset is 0,
 * where the file's `PAR1` is, and DuckDB writes 0 for offsets it does not use).
 */
function shifted(fields: ThriftField[], ids: readonly number[], shift: bigint): ThriftField[] {
  return fields.map((f) =>
    ids.includes(f.id) && f.value.type === T.I64 && f.value.value > 0n
      ? { id: f.id, value: { type: T.I64, value: f.value.value + shift } }
      : f
  );
}

function shiftColumnChunk(chunk: ThriftStruct, path: string, shift: bigint): ThriftStruct {
  if (field(chunk, CHUNK.offsetIndexOffset) || field(chunk, CHUNK.columnIndexOffset)) {
    throw new Error(`Cannot join ${path}: it has page indexes, whose page offsets would need rewriting`);
  }
  return {
    type: T.STRUCT,
    fields: chunk.fields.map((f) =>
      f.id === CHUNK.metaData
        ? {
          id: f.id,
          value: {
            type: T.STRUCT,
            fields: shifted(struct(f.value, "a column chunk's metadata").fields, META_OFFSETS, shift),
          },
        }
        : f
    ),
  };
}

function shiftRowGroup(group: ThriftStruct, path: string, shift: bigint, ordinal: number): ThriftStruct {
  return {
    type: T.STRUCT,
    fields: shifted(group.fields, [ROW_GROUP.fileOffset], shift).map((f) => {
      if (f.id === ROW_GROUP.columns && f.value.type === T.LIST) {
        const items = f.value.items.map((c) => shiftColumnChunk(struct(c, "a column chunk"), path, shift));
        return { id: f.id, value: { ...f.value, items } };
      }
      if (f.id === ROW_GROUP.ordinal) return { id: f.id, value: { type: T.I16, value: BigInt(ordinal) } };
      return f;
    }),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Joins the Parquet `parts` (paths, same schema) into `out`, rows in the parts' order; returns the
 * number of rows. Throws, naming the file, when a part is not Parquet, its schema differs from the
 * first part's, or it has page indexes.
 */
export async function concatParquet(parts: readonly string[], out: string): Promise<number> {
  if (parts.length === 0) throw new Error(`Cannot write ${out}: no Parquet parts to join`);
  const file = await Deno.open(out, { write: true, create: true, truncate: true });
  let joined = false;
  try {
    await writeAll(file, MAGIC);
    let position = 4;
    let rows = 0n;
    let first: ThriftStruct | undefined;
    let schema: Uint8Array | undefined;
    const groups: ThriftValue[] = [];
    for (const path of parts) {
      const part = readPart(path, await Deno.readFile(path));
      const partSchema = encodeStruct(
        { type: T.STRUCT, fields: part.footer.fields.filter((f) => f.id === FILE.schema) },
      );
      if (!first) {
        first = part.footer;
        schema = partSchema;
      } else if (!sameBytes(partSchema, schema!)) {
        throw new Error(`Cannot join ${path}: its schema differs from ${parts[0]}'s`);
      }
      const shift = BigInt(position - 4);
      for (const group of list(field(part.footer, FILE.rowGroups))) {
        // a row group's ordinal is an i16
        if (groups.length > 32_767) throw new Error(`Cannot write ${out}: more than 32,768 row groups`);
        groups.push(shiftRowGroup(struct(group, "a row group"), path, shift, groups.length));
      }
      const numRows = field(part.footer, FILE.numRows);
      rows += numRows?.type === T.I64 ? numRows.value : 0n;
      const pages = part.bytes.subarray(4, part.footerStart);
      await writeAll(file, pages);
      position += pages.length;
    }
    const footer = encodeStruct({
      type: T.STRUCT,
      fields: first!.fields.map((f) =>
        f.id === FILE.numRows
          ? { id: f.id, value: { type: T.I64, value: rows } }
          : f.id === FILE.rowGroups
          ? { id: f.id, value: { type: T.LIST, elementType: T.STRUCT, items: groups } }
          : f
      ),
    });
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, footer.length, true);
    await writeAll(file, footer);
    await writeAll(file, length);
    await writeAll(file, MAGIC);
    joined = true;
    return Number(rows);
  } finally {
    file.close();
    // no half-joined file is left behind
    if (!joined) await Deno.remove(out);
  }
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}
