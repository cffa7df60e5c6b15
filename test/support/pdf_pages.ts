/**
 * PDF checks with Debian's poppler-utils: page counts (`pdfinfo`), page images (`pdftoppm`) and how much ink
 * each page carries. PPM images are read here (a 3-line header, then RGB bytes) so no image library is needed.
 */
import { join } from "node:path";
import { run } from "./project.ts";

/** Number of pages of a PDF file (`pdfinfo`'s "Pages:" line). */
export async function pdfPageCount(path: string): Promise<number> {
  const { stdout } = await run("pdfinfo", [path]);
  const match = stdout.match(/^Pages:\s+(\d+)$/m);
  if (!match) throw new Error(`Cannot count the pages of ${path}: pdfinfo printed no "Pages:" line`);
  return Number(match[1]);
}

/** An RGB image. */
export interface Rgb {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Reads a binary PPM (P6, maxval 255). */
export function readPpm(bytes: Uint8Array, source = "image"): Rgb {
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (i < bytes.length && /\s/.test(String.fromCharCode(bytes[i]!))) i++;
    if (bytes[i] === 0x23) { // a comment line
      while (i < bytes.length && bytes[i] !== 0x0a) i++;
      continue;
    }
    let token = "";
    while (i < bytes.length && !/\s/.test(String.fromCharCode(bytes[i]!))) {
      token += String.fromCharCode(bytes[i++]!);
    }
    header.push(token);
  }
  i++; // the single whitespace byte after maxval
  const [magic, w, h, max] = header;
  if (magic !== "P6" || max !== "255") {
    throw new Error(`Cannot read ${source}: expected a binary PPM with maxval 255 (got ${magic}, ${max})`);
  }
  const width = Number(w), height = Number(h);
  const data = bytes.subarray(i, i + width * height * 3);
  if (data.length !== width * height * 3) {
    throw new Error(`Cannot read ${source}: the pixel data is truncated`);
  }
  return { width, height, data };
}

/** Share of pixels that are not (near) white: any channel below 235. */
export function inkShare(image: Rgb): number {
  let ink = 0;
  for (let p = 0; p < image.data.length; p += 3) {
    if (image.data[p]! < 235 || image.data[p + 1]! < 235 || image.data[p + 2]! < 235) ink++;
  }
  return ink / (image.width * image.height);
}

/** Renders every page of a PDF at `dpi` and returns the images (PPM files under `dir`, prefix `name`). */
export async function pdfPageImages(pdf: string, dir: string, name: string, dpi: number): Promise<Rgb[]> {
  await run("pdftoppm", ["-r", String(dpi), pdf, join(dir, name)]);
  const files: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.name.startsWith(`${name}-`) && e.name.endsWith(".ppm")) files.push(e.name);
  }
  files.sort((a, b) => Number(a.match(/-(\d+)\.ppm$/)![1]) - Number(b.match(/-(\d+)\.ppm$/)![1]));
  return await Promise.all(files.map(async (f) => readPpm(await Deno.readFile(join(dir, f)), f)));
}

/** Writes PNGs of every page of a PDF (for a person to look at). */
export async function pdfToPngs(pdf: string, prefix: string, dpi = 60): Promise<void> {
  await run("pdftoppm", ["-r", String(dpi), "-png", pdf, prefix]);
}
