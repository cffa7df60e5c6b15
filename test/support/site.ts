/** One offline build of the project, shared by the test modules that need a built site. */
import { join } from "node:path";
import { copyProject, offlineBuild } from "./project.ts";

let built: Promise<{ dir: string; dist: string; log: string }> | undefined;

/** Builds a copy of the project once per test run and returns where its site is. */
export function builtSite(): Promise<{ dir: string; dist: string; log: string }> {
  built ??= (async () => {
    const dir = await copyProject();
    const { stdout, stderr } = await offlineBuild(dir);
    return { dir, dist: join(dir, "dist"), log: stdout + stderr };
  })();
  return built;
}
