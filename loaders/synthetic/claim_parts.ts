/**
 * The claim tables made in TypeScript are made in parts: consecutive ranges of members, made side by
 * side in workers (`claim_part_worker.ts`), each written to a Parquet part, and the parts joined in
 * member order. Each worker receives copies of its own members' inputs.
 */
import { join } from "node:path";
import type { NumericColumn } from "../lib/duckdb_columns.ts";
import { concatParquet } from "../lib/parquet_concat.ts";
import { makeMedicalClaims, type MedicalClaimInputs } from "./medical_claims_make.ts";
import { type FillInputs, makeFills } from "./pharmacy_fills_make.ts";

/** One part to make: the table, its members' inputs, the member range and the file to write. */
export type ClaimPart =
  & { from: number; to: number; path: string }
  & ({ table: "pharmacy_claims"; inputs: FillInputs } | {
    table: "medical_claims";
    inputs: MedicalClaimInputs;
  });

/** Makes one part in this thread; returns its row count. */
export function makePart(part: ClaimPart): Promise<number> {
  return part.table === "pharmacy_claims"
    ? makeFills(part.inputs, part.from, part.to, part.path)
    : makeMedicalClaims(part.inputs, part.from, part.to, part.path);
}

/** Parts per claim table: always two (one per worker), whatever the machine. */
export const CLAIM_PARTS = 2;

/**
 * Member bounds 0 = b₀ < b₁ < … < b_parts = members cutting `weights` (a member index per unit of
 * work, ascending) into `parts` ranges of about equal work, at member boundaries.
 */
export function partBounds(members: number, weights: ArrayLike<number>, parts: number): number[] {
  return Array.from(
    { length: parts + 1 },
    (_, i) =>
      i === 0
        ? 0
        : i === parts || weights.length === 0
        ? members
        : weights[Math.floor((weights.length * i) / parts)]!,
  );
}

/** The member-level inputs of every claim table: the members' ids and columns, from `memberBase`. */
export interface MemberInputs {
  /** The member index of `memberIds[0]` (and of the first row of `members`). */
  memberBase: number;
  memberIds: string[];
  members: Record<string, NumericColumn>;
}

/** `inputs` with its member-level fields cut to members `from…to` (copied); its tables as given. */
export function withMembers<T extends MemberInputs>(inputs: T, from: number, to: number): T {
  return {
    ...inputs,
    memberBase: from,
    memberIds: inputs.memberIds.slice(from, to),
    members: Object.fromEntries(Object.entries(inputs.members).map(([name, c]) => [name, c.slice(from, to)])),
  };
}

/**
 * Makes `table` from `inputs` in {@linkcode CLAIM_PARTS} consecutive member ranges of about equal
 * work (`weights`, as {@linkcode partBounds} takes them), each part given `partOf` its inputs (or,
 * with `inProcess`, all of them), in `work`; joins them into `path` and returns the row count.
 */
export async function writeInParts<I extends MemberInputs>(
  table: ClaimPart["table"],
  inputs: I,
  weights: ArrayLike<number>,
  partOf: (inputs: I, from: number, to: number) => I,
  path: string,
  work: string,
  options: { inProcess?: boolean } = {},
): Promise<number> {
  const bounds = partBounds(inputs.memberIds.length, weights, CLAIM_PARTS);
  const parts = bounds.slice(1).map((to, i) =>
    ({
      table,
      inputs: options.inProcess ? inputs : partOf(inputs, bounds[i]!, to),
      from: bounds[i]!,
      to,
      path: join(work, `${table}.${i}.parquet`),
    }) as unknown as ClaimPart
  );
  return await writeParts(parts, path, options);
}

/**
 * Makes the parts (in workers, or with `inProcess` one after the other in this thread: the same
 * bytes), joins them into `path` and removes them; returns the row count.
 */
async function writeParts(
  parts: ClaimPart[],
  path: string,
  options: { inProcess?: boolean } = {},
): Promise<number> {
  if (options.inProcess) { for (const part of parts) await makePart(part); }
  else await Promise.all(parts.map(inWorker));
  const rows = await concatParquet(parts.map((p) => p.path), path);
  for (const part of parts) await Deno.remove(part.path);
  return rows;
}

/** The distinct buffers of the typed arrays in `value` (nested in records and arrays). */
function buffersOf(value: unknown, found = new Set<ArrayBuffer>()): Set<ArrayBuffer> {
  if (ArrayBuffer.isView(value)) found.add(value.buffer as ArrayBuffer);
  else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) if (typeof v === "object") buffersOf(v, found);
  }
  return found;
}

/** Runs {@linkcode makePart} in a worker, handing it the part's typed arrays. */
function inWorker(part: ClaimPart): Promise<number> {
  const worker = new Worker(new URL("./claim_part_worker.ts", import.meta.url), { type: "module" });
  return new Promise<number>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ rows?: number; error?: string }>) => {
      worker.terminate();
      if (event.data.error !== undefined) reject(new Error(event.data.error));
      else resolve(event.data.rows!);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      reject(new Error(`${part.table} worker: ${event.message}`));
    };
    worker.postMessage(part, [...buffersOf(part.inputs)]);
  });
}
