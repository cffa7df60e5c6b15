/** One offline build of the project, shared by every test module of a run that needs a built site. */
import { join } from "node:path";
import { copyProject, offlineBuild } from "./project.ts";
import { sharedAcrossModules } from "./run_scratch.ts";

let built: Promise<{ dir: string; dist: string; log: string }> | undefined;

/**
 * Builds a copy of the project once per test run and returns where its site is. Tests must not
 * write into it: later modules (and the byte-for-byte build comparison) read the same files.
 */
export function builtSite(): Promise<{ dir: string; dist: string; log: string }> {
  built ??= sharedAcrossModules("site", async () => {
    const dir = await copyProject();
    const { stdout, stderr } = await offlineBuild(dir);
    return { dir, dist: join(dir, "dist"), log: stdout + stderr };
  });
  return built;
}
