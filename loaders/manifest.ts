/**
 * The pipeline manifest: what was generated, from what, and the content hash of every output, so
 * that two runs can be compared and a page can show provenance. It holds no wall-clock time.
 */
import { createHash } from "node:crypto";
import type { Stage } from "./pipeline.ts";

/** One output file. */
export interface ManifestFile {
  /** File name inside the output folder. */
  name: string;
  /** Rows in the table. */
  rows: number;
  /** Bytes on disk. */
  bytes: number;
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
}

/** The manifest written as `manifest.json` beside the outputs. */
export interface Manifest {
  generator: string;
  /** The synthetic seed (unused for analyst data). */
  seed: number;
  /** `scenario/scale` for synthetic data; the mapping name for analyst data. */
  scenario: string;
  input: "synthetic" | "analyst";
  /** The last stage of a partial run (`--stage core|utilization`); absent for a full run. */
  stage?: Exclude<Stage, "all">;
  files: ManifestFile[];
  /** For analyst data: what was loaded, derived and could not be computed. */
  report?: {
    tables: Record<
      string,
      { file: string | null; rowsRead: number; rowsLoaded: number; rowsRejected: number }
    >;
    notes: string[];
    capabilities: Record<string, boolean>;
  };
}

/**
 * Hex SHA-256 and size of a file, read in chunks: a large output (a claim file is hundreds of MB at a
 * million members) is never held in memory whole.
 */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const file = await Deno.open(path, { read: true });
  for await (const chunk of file.readable) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

/** Hex SHA-256 of some bytes held in memory (the same hash as {@linkcode sha256File}). */
export function sha256Hex(data: Uint8Array): Promise<string> {
  return Promise.resolve(createHash("sha256").update(data).digest("hex"));
}
