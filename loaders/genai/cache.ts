/**
 * The answer cache: one JSON file per model answer under a folder, named by
 * sha256(prompt text + context JSON + model). A rebuild with the same prompt, context and model reads
 * the file and makes no call; the folder is committed (`data/genai_cache/`) so rebuilds elsewhere give
 * the same text at no cost. Rule-library answers are not cached: they are deterministic and free.
 */
import { join } from "node:path";
import { sha256Hex } from "../manifest.ts";
import type { Answer, Context } from "./schema.ts";

/** The cache key of a prompt, context and model. */
export function cacheKey(prompt: string, context: Context, model: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(`${prompt}\n${JSON.stringify(context)}\n${model}`));
}

/** The cached answer under `key`, or undefined. */
export async function readCached(dir: string, key: string): Promise<Answer | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(join(dir, `${key}.json`))) as Answer;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new Error(`Cannot read cached answer ${join(dir, `${key}.json`)}: ${error}`);
  }
}

/** Stores an answer under `key`. */
export async function writeCached(dir: string, key: string, answer: Answer): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(join(dir, `${key}.json`), JSON.stringify(answer, null, 1) + "\n");
}
