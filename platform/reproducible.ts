/**
 * Byte-identical builds. Framework writes each data file's modification time into the page that
 * attaches it (`registerFile(…, {lastModified})`), so two builds of the same inputs would differ
 * by wall-clock time. During `observable build` Lodestar pins that time to SOURCE_DATE_EPOCH (the
 * reproducible-builds convention; 0 when unset). The preview server keeps real times, because
 * Framework also uses them to notice edited files.
 */

/** The pinned time in milliseconds: SOURCE_DATE_EPOCH seconds, or 0. */
export function sourceDateEpochMs(env: Record<string, string | undefined>): number {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === "") return 0;
  if (!/^\d+$/.test(raw)) {
    throw new Error(`Cannot read SOURCE_DATE_EPOCH: expected whole seconds, got "${raw}"`);
  }
  return Number(raw) * 1000;
}

/** True when this process is `observable build` (not `preview`). */
export function isBuild(argv: readonly string[]): boolean {
  return argv.slice(2).includes("build");
}

/** Pins Framework's file dates for a build. */
export async function pinFileDates(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<void> {
  if (!isBuild(argv)) return;
  // Framework's own hook for a frozen date (its tests use it); not part of its public API, which is
  // one reason Framework is pinned to an exact version.
  const config: { setCurrentDate(date: Date | null): void } = await import(
    "@observablehq/framework/dist/config.js" as string
  );
  config.setCurrentDate(new Date(sourceDateEpochMs(env)));
}
