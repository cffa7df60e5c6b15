/**
 * Thrift's compact protocol, read into a generic tree and written back byte for byte: enough to
 * edit a Parquet footer (`FileMetaData`) without a schema of every struct in it. A struct is its
 * fields in file order; integers are bigints (i64 offsets exceed 2^53 in no real file, but the
 * protocol allows it); binaries stay bytes.
 *
 * Wire format (Apache Thrift, "Thrift Compact protocol encoding"): a field header is one byte,
 * `delta << 4 | type` with `delta` the field id minus the previous one (1–15), or `type` alone
 * followed by the id as a zigzag varint; booleans live in the header's type (1 true, 2 false);
 * integers are zigzag varints, doubles 8 bytes little-endian, binaries a varint length then the
 * bytes; a list is `size << 4 | element type` (size 15+: `0xF0 | type`, then a varint size).
 */

/** Compact-protocol type codes. */
export const T = {
  STOP: 0,
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
} as const;

/** A decoded value; `type` is the compact type code (for booleans, 1 true or 2 false). */
export type ThriftValue =
  | { type: typeof T.TRUE | typeof T.FALSE }
  | { type: typeof T.BYTE | typeof T.I16 | typeof T.I32 | typeof T.I64; value: bigint }
  | { type: typeof T.DOUBLE; value: number }
  | { type: typeof T.BINARY; value: Uint8Array }
  | { type: typeof T.LIST | typeof T.SET; elementType: number; items: ThriftValue[] }
  | {
    type: typeof T.MAP;
    keyType: number;
    valueType: number;
    entries: [ThriftValue, ThriftValue][];
  }
  | { type: typeof T.STRUCT; fields: ThriftField[] };

/** One field of a struct. */
export interface ThriftField {
  id: number;
  value: ThriftValue;
}

/** A decoded struct. */
export type ThriftStruct = Extract<ThriftValue, { type: typeof T.STRUCT }>;

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.pos >= this.bytes.length) {
      throw new Error(`Cannot read Thrift: the data ends at byte ${this.pos}`);
    }
    return this.bytes[this.pos++]!;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error(`Cannot read Thrift: varint too long at byte ${this.pos}`);
    }
  }

  zigzag(): bigint {
    const n = this.varint();
    return (n >> 1n) ^ -(n & 1n);
  }

  value(type: number, inCollection = false): ThriftValue {
    switch (type) {
      case T.TRUE:
      case T.FALSE:
        // in a collection a boolean is a byte of its own (1 true, otherwise false)
        return inCollection ? { type: this.byte() === T.TRUE ? T.TRUE : T.FALSE } : { type };
      case T.BYTE: {
        const b = this.byte();
        return { type, value: BigInt(b > 127 ? b - 256 : b) };
      }
      case T.I16:
      case T.I32:
      case T.I64:
        return { type, value: this.zigzag() };
      case T.DOUBLE: {
        const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 8);
        this.pos += 8;
        return { type, value: view.getFloat64(0, true) };
      }
      case T.BINARY: {
        const length = Number(this.varint());
        if (this.pos + length > this.bytes.length) {
          throw new Error(
            `Cannot read Thrift: a ${length}-byte binary runs past the end at byte ${this.pos}`,
          );
        }
        const value = this.bytes.slice(this.pos, this.pos + length);
        this.pos += length;
        return { type, value };
      }
      case T.LIST:
      case T.SET: {
        const header = this.byte();
        const size = header >> 4 === 15 ? Number(this.varint()) : header >> 4;
        const elementType = header & 0x0f;
        const items: ThriftValue[] = [];
        for (let i = 0; i < size; i++) items.push(this.value(elementType, true));
        return { type, elementType, items };
      }
      case T.MAP: {
        const size = Number(this.varint());
        const kinds = size > 0 ? this.byte() : 0;
        const keyType = kinds >> 4;
        const valueType = kinds & 0x0f;
        const entries: [ThriftValue, ThriftValue][] = [];
        for (let i = 0; i < size; i++) entries.push([this.value(keyType, true), this.value(valueType, true)]);
        return { type, keyType, valueType, entries };
      }
      case T.STRUCT:
        return this.struct();
      default:
        throw new Error(`Cannot read Thrift: unknown type ${type} at byte ${this.pos - 1}`);
    }
  }

  struct(): ThriftStruct {
    const fields: ThriftField[] = [];
    let last = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 0x0f;
      if (type === T.STOP) return { type: T.STRUCT, fields };
      const delta = header >> 4;
      const id = delta === 0 ? Number(this.zigzag()) : last + delta;
      fields.push({ id, value: this.value(type) });
      last = id;
    }
  }
}

class Writer {
  #chunks: number[] = [];

  byte(b: number): void {
    this.#chunks.push(b & 0xff);
  }

  varint(n: bigint): void {
    let v = BigInt.asUintN(64, n);
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  zigzag(n: bigint): void {
    this.varint(BigInt.asUintN(64, (n << 1n) ^ (n >> 63n)));
  }

  value(v: ThriftValue, inCollection = false): void {
    switch (v.type) {
      case T.TRUE:
      case T.FALSE:
        if (inCollection) this.byte(v.type === T.TRUE ? 1 : 2);
        return;
      case T.BYTE:
        this.byte(Number(BigInt.asUintN(8, v.value)));
        return;
      case T.I16:
      case T.I32:
      case T.I64:
        this.zigzag(v.value);
        return;
      case T.DOUBLE: {
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setFloat64(0, v.value, true);
        for (const b of bytes) this.byte(b);
        return;
      }
      case T.BINARY:
        this.varint(BigInt(v.value.length));
        for (const b of v.value) this.byte(b);
        return;
      case T.LIST:
      case T.SET:
        if (v.items.length < 15) this.byte((v.items.length << 4) | v.elementType);
        else {
          this.byte(0xf0 | v.elementType);
          this.varint(BigInt(v.items.length));
        }
        for (const item of v.items) this.value(item, true);
        return;
      case T.MAP:
        this.varint(BigInt(v.entries.length));
        if (v.entries.length > 0) this.byte((v.keyType << 4) | v.valueType);
        for (const [key, value] of v.entries) {
          this.value(key, true);
          this.value(value, true);
        }
        return;
      case T.STRUCT:
        this.struct(v);
        return;
    }
  }

  struct(s: ThriftStruct): void {
    let last = 0;
    for (const { id, value } of s.fields) {
      const delta = id - last;
      if (delta > 0 && delta <= 15) this.byte((delta << 4) | value.type);
      else {
        this.byte(value.type);
        this.zigzag(BigInt(id));
      }
      this.value(value);
      last = id;
    }
    this.byte(T.STOP);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.#chunks);
  }
}

/** Reads one compact-protocol struct that fills `bytes` exactly. */
export function decodeStruct(bytes: Uint8Array): ThriftStruct {
  const reader = new Reader(bytes);
  const struct = reader.struct();
  if (reader.pos !== bytes.length) {
    throw new Error(`Cannot read Thrift: the struct ends at byte ${reader.pos} of ${bytes.length}`);
  }
  return struct;
}

/** Writes a struct in the compact protocol: `encodeStruct(decodeStruct(b))` gives back `b`. */
export function encodeStruct(struct: ThriftStruct): Uint8Array {
  const writer = new Writer();
  writer.struct(struct);
  return writer.bytes();
}

/** The value of field `id`, or undefined. */
export function field(struct: ThriftStruct, id: number): ThriftValue | undefined {
  return struct.fields.find((f) => f.id === id)?.value;
}
