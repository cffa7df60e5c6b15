/**
 * A minimal, deterministic POSIX ustar writer for Framework archive loaders (`NAME.tar.ts`).
 * Every header has mode 0644, uid/gid 0, mtime 0 and no user names, so the same files always give
 * the same bytes.
 */

const BLOCK = 512;
const encoder = new TextEncoder();

function field(header: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  if (bytes.length > length) throw new Error(`tar header field too long: "${value}"`);
  header.set(bytes, offset);
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, "0") + "\0";
}

/**
 * The 512-byte ustar header for a regular file.
 *
 * Checksum = Σ header bytes with the checksum field taken as eight spaces, written as six octal
 * digits, NUL, space.
 */
export function tarHeader(name: string, size: number): Uint8Array {
  if (name.length === 0 || name.startsWith("/") || name.split("/").includes("..")) {
    throw new Error(`Cannot add "${name}" to a tar archive: expected a relative path without ".."`);
  }
  const header = new Uint8Array(BLOCK);
  field(header, 0, 100, name);
  field(header, 100, 8, "0000644\0");
  field(header, 108, 8, "0000000\0");
  field(header, 116, 8, "0000000\0");
  field(header, 124, 12, octal(size, 12));
  field(header, 136, 12, octal(0, 12));
  field(header, 148, 8, "        ");
  field(header, 156, 1, "0");
  field(header, 257, 6, "ustar\0");
  field(header, 263, 2, "00");
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return header;
}

/** A file to put in an archive. */
export interface TarFile {
  /** Path inside the archive (forward slashes, relative). */
  name: string;
  /** Contents. */
  data: Uint8Array;
}

/** Yields the archive's bytes: for each file a header, the data and zero padding; then two zero blocks. */
export function* tarChunks(files: Iterable<TarFile>): Generator<Uint8Array> {
  for (const { name, data } of files) {
    yield tarHeader(name, data.length);
    yield data;
    const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (pad > 0) yield new Uint8Array(pad);
  }
  yield new Uint8Array(BLOCK * 2);
}
