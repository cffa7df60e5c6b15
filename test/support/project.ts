/**
 * Test helpers that work on a copy of the project, so builds in tests never touch the working
 * tree: the copy holds the tracked and untracked-but-not-ignored files, with node_modules linked.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (this file is test/support/project.ts). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs a command and returns its output; throws with stderr when it fails. */
export async function run(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ stdout: string; stderr: string }> {
  const output = await new Deno.Command(cmd, {
    args,
    cwd: options.cwd ?? ROOT,
    env: options.env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  const stderr = new TextDecoder().decode(output.stderr);
  if (!output.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${output.code}):\n${stderr}\n${stdout}`);
  }
  return { stdout, stderr };
}

/** Copies the project (as git sees it, including uncommitted files) to a new temp folder. */
export async function copyProject(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-copy-" });
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  for (const file of stdout.split("\0").filter((f) => f !== "")) {
    try {
      await Deno.lstat(join(ROOT, file));
    } catch {
      continue; // deleted in the working tree but still in the index
    }
    await Deno.mkdir(dirname(join(dir, file)), { recursive: true });
    await Deno.copyFile(join(ROOT, file), join(dir, file));
  }
  await Deno.symlink(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

let unshareWorks: boolean | undefined;

/** True when this machine can run a command in a network namespace with no network (`unshare -n`). */
export async function canIsolateNetwork(): Promise<boolean> {
  if (unshareWorks === undefined) {
    try {
      await run("unshare", ["-n", "true"]);
      unshareWorks = true;
    } catch {
      unshareWorks = false;
    }
  }
  return unshareWorks;
}

/**
 * Runs `observable build` in `dir` exactly as an analyst would (`npx observable build`), with no
 * network: inside an empty network namespace where the machine allows it, and always with Node's
 * fetch replaced by one that fails loudly.
 */
export async function offlineBuild(
  dir: string,
  extraEnv: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  const guard = join(ROOT, "test", "support", "no_fetch.mjs");
  const env = {
    PATH: `${join(dir, "node_modules", ".bin")}:${Deno.env.get("PATH") ?? ""}`,
    NODE_OPTIONS: `--import=${guard}`,
    NO_COLOR: "1",
    // The build tests exercise the platform, not the data: the small synthetic scale keeps them quick.
    LODESTAR_SCALE: "small",
    ...extraEnv,
  };
  const npx = ["npx", "--offline", "observable", "build"];
  return await canIsolateNetwork()
    ? await run("unshare", ["-n", ...npx], { cwd: dir, env })
    : await run(npx[0]!, npx.slice(1), { cwd: dir, env });
}

/** SHA-256 of every file under `dir`, keyed by relative path, sorted. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  async function walk(sub: string): Promise<void> {
    const entries = [];
    for await (const entry of Deno.readDir(join(dir, sub))) entries.push(entry);
    entries.sort((a, b) => a.name < b.name ? -1 : 1);
    for (const entry of entries) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory) await walk(rel);
      else {
        const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(join(dir, rel)));
        hashes.set(rel, Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join(""));
      }
    }
  }
  await walk("");
  return hashes;
}
