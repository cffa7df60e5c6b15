/**
 * A folder shared by every test module of one `deno test` run. Deno runs test modules one after
 * another in one process but each in a fresh runtime, so module-level caches are not shared; this
 * folder is, keyed by the process id and its start time (a later process that reuses the id gets
 * another folder).
 */
import { join } from "node:path";
import { tmpdir } from "node:os";

/** Start time of this process in clock ticks since boot (field 22 of /proc/self/stat), or "". */
function processStart(): string {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

/** The run's shared folder (created on first use). */
export async function runScratch(): Promise<string> {
  const dir = join(tmpdir(), `lodestar-testrun-${Deno.pid}-${processStart()}`);
  await Deno.mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Returns the value cached under `key` for this test run, computing and storing it (as JSON) the
 * first time. Modules run one at a time, so no two compute the same key at once.
 */
export async function sharedAcrossModules<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const file = join(await runScratch(), `${key.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`);
  try {
    return JSON.parse(await Deno.readTextFile(file)) as T;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const value = await compute();
  await Deno.writeTextFile(file, JSON.stringify(value));
  return value;
}
