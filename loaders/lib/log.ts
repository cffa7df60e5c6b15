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
