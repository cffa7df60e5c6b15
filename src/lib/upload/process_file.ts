import { decodeUpload, type Encoding } from "./decode.js";
import {
  type DelimitedRecord,
  type Delimiter,
  lineCount,
  readDelimited,
  sniffDelimiter,
} from "./delimited.js";
import { layoutFingerprint } from "./header_match.js";
import { readStarFile, type StarFile } from "./star_file.js";
import type { StarReference } from "./star_reference.js";

/** An uploaded file after decoding, splitting and validation, with what the page shows about it. */
export interface ProcessedFile extends StarFile {
  bytes: number;
  encoding?: Encoding;
  delimiter?: Delimiter;
  /** The header row used for column matching, and its layout fingerprint (for the remembered mapping). */
  header: string[];
  fingerprint: string;
}

/** Options of {@link processStarUpload}. */
export interface ProcessOptions {
  mapping?: Readonly<Record<string, string>>;
  /** Called with the share of the text split so far (0–1). */
  onProgress?: (share: number) => void;
  /** Records between two yields to the event loop. */
  chunk?: number;
}

/**
 * Decodes, splits and validates one uploaded star file, yielding to the event loop every `chunk` records so
 * the page stays responsive and a progress bar can move. A file that cannot be decoded (empty, binary, over
 * the size limit) becomes a file-level reject; nothing throws.
 */
export async function processStarUpload(
  bytes: Uint8Array,
  name: string,
  reference: StarReference,
  options: ProcessOptions = {},
): Promise<ProcessedFile> {
  const chunk = options.chunk ?? 20_000;
  const base = { file: name, bytes: bytes.length, rowsRead: 0, unmatched: [], header: [], fingerprint: "" };
  let text: string;
  let encoding: Encoding;
  try {
    ({ text, encoding } = decodeUpload(bytes, name));
  } catch (e) {
    const expected = String((e as Error).message);
    return { ...base, rejects: [{ file: name, line: 0, column: "file", value: "", expected, fields: [] }] };
  }
  const delimiter = sniffDelimiter(text);
  const lines = lineCount(text);
  const records: DelimitedRecord[] = [];
  for (const record of readDelimited(text, delimiter)) {
    records.push(record);
    if (records.length % chunk === 0) {
      options.onProgress?.(Math.min(1, records.at(-1)!.line / lines));
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  options.onProgress?.(1);
  const header = records.find((r) => r.fields.some((f) => f.trim() !== ""))?.fields ?? [];
  const result = readStarFile(records, name, reference.catalogue, reference.bundled.mapd, options.mapping);
  return {
    ...result,
    bytes: bytes.length,
    encoding,
    delimiter,
    header,
    fingerprint: layoutFingerprint(header),
  };
}
