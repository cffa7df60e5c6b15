/** The bundled 2026 reference (catalogue and cut points) and helpers to read fixture files, for the upload tests. */
import { join } from "node:path";
import { decodeUpload } from "../../../src/lib/upload/decode.ts";
import { readDelimited, sniffDelimiter } from "../../../src/lib/upload/delimited.ts";
import { readStarFile, type StarFile } from "../../../src/lib/upload/star_file.ts";
import { starReference } from "../../../src/lib/upload/star_reference.ts";
import { ROOT } from "../../support/project.ts";

export const CMS_DIR = join(ROOT, "data", "reference", "cms-2026");
export const FIXTURES = join(ROOT, "test", "input", "upload");
const cmsFile = (which: string) =>
  join(CMS_DIR, [...Deno.readDirSync(CMS_DIR)].find((e) => e.name.includes(which))!.name);
export const cmsPath = cmsFile;

export const reference = starReference({
  year: 2026,
  measures: await Deno.readTextFile(join(ROOT, "data", "reference", "stars", "measures.csv")),
  cutPointsC: await Deno.readTextFile(cmsFile("Part C Cut Points")),
  cutPointsD: await Deno.readTextFile(cmsFile("Part D Cut Points")),
});

/** Reads bytes as the page does: decode, sniff the delimiter, split, validate. */
export function readBytes(bytes: Uint8Array, name: string, mapping: Record<string, string> = {}): StarFile {
  const { text } = decodeUpload(bytes, name);
  const records = [...readDelimited(text, sniffDelimiter(text))];
  return readStarFile(records, name, reference.catalogue, reference.bundled.mapd, mapping);
}

/** Reads a file from disk as the page does. */
export async function readPath(path: string): Promise<StarFile> {
  return readBytes(await Deno.readFile(path), path.split("/").pop()!);
}
