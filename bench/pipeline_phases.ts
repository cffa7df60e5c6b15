/**
 * Where a pipeline run's wall time went, read back from its progress lines
 * (`[  1.2s] stage: message`, written by `progress` and read by `readProgress` in loaders/lib/log.ts).
 */
import type { ProgressLine } from "../loaders/lib/log.ts";

/**
 * Splits a run into phases at the lines that report the named files written
 * (`pipeline: wrote NAME.parquet …`): each such file's phase runs from the line before it to its
 * own line; the generation (or loading) is everything before the first of them, and the rest is
 * everything after the last, up to the final progress line. Seconds are differences of the lines'
 * timestamps (0.1 s resolution).
 *
 * Throws if a named file's line is missing, so a changed log format cannot pass as a zero.
 */
export function pipelinePhases(lines: readonly ProgressLine[], files: readonly string[]): [string, number][] {
  const at = files.map((file) => {
    const i = lines.findIndex((l) => l.stage === "pipeline" && l.message.startsWith(`wrote ${file}.parquet`));
    if (i < 1) throw new Error(`No progress line reports ${file}.parquet written after an earlier line`);
    return i;
  });
  const first = Math.min(...at);
  const last = Math.max(...at);
  const seconds = (i: number) => lines[i]!.seconds;
  const round = (s: number) => Math.round(s * 10) / 10;
  return [
    ["generation or loading", round(seconds(first - 1))],
    ...files.map((file, k): [string, number] => [file, round(seconds(at[k]!) - seconds(at[k]! - 1))]),
    ["everything after", round(seconds(lines.length - 1) - seconds(last))],
  ];
}
