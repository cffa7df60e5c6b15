/**
 * Reads the entries of a ZIP archive (an `.xlsx` workbook is one) with the runtime's own
 * `DecompressionStream`, so no package is needed: spreadsheet packages touch environment
 * variables when imported, which the site's loaders are not allowed to read.
 * Stored and deflated entries are supported; ZIP64 archives (over 4 GiB) are not.
 */

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** One entry of the archive's central directory. */
interface Entry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** Inflates raw DEFLATE data. */
async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new DecompressionStream("deflate-raw"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Opens a ZIP archive held in memory; returns its entry names and a reader for one entry.
 * Throws "not a ZIP archive" when the bytes have no central directory.
 */
export function openZip(
  bytes: Uint8Array,
): { names: string[]; read: (name: string) => Promise<Uint8Array | null> } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error("not a ZIP archive");
  const entries = new Map<string, Entry>();
  const names = new TextDecoder();
  let offset = view.getUint32(end + 16, true);
  for (let n = view.getUint16(end + 10, true); n > 0; n--) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== DIRECTORY_ENTRY) {
      throw new Error("not a ZIP archive (damaged central directory)");
    }
    const nameLength = view.getUint16(offset + 28, true);
    const name = names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    entries.set(name, {
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      localOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  const read = async (name: string): Promise<Uint8Array | null> => {
    const entry = entries.get(name);
    if (!entry) return null;
    const local = entry.localOffset;
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error(`damaged ZIP entry ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return await inflate(data);
    throw new Error(`ZIP entry ${name} uses unsupported compression method ${entry.method}`);
  };
  return { names: [...entries.keys()], read };
}
