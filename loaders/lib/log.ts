/**
 * Progress logging for loaders. Loader stdout is the output file, so every message goes to
 * stderr, prefixed with the elapsed time since the process started.
 */

const started = performance.now();

/** Writes one progress line to stderr: `[  1.2s] stage: message`. */
export function progress(stage: string, message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  console.error(`[${seconds}s] ${stage}: ${message}`);
}

/** One progress line: seconds since the process started, the stage and the message. */
export interface ProgressLine {
  seconds: number;
  stage: string;
  message: string;
}

/** The progress lines ({@linkcode progress}) of a run's stderr, in order; other lines are skipped. */
export function readProgress(stderr: string): ProgressLine[] {
  const lines: ProgressLine[] = [];
  for (const line of stderr.split("\n")) {
    const match = /^\[\s*(\d+(?:\.\d+)?)s\] ([\w-]+): (.*)$/.exec(line);
    if (match) lines.push({ seconds: Number(match[1]), stage: match[2]!, message: match[3]! });
  }
  return lines;
}
