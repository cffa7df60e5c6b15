/**
 * `platform/with_jemalloc.sh` runs the pipeline with jemalloc preloaded when Debian's libjemalloc2
 * is installed (the test task installs it): the run reports the malloc it used, and its outputs are
 * byte for byte those of a run with the system malloc. The runs stop after the utilization stage
 * (17 outputs: the generator, the core tables and the company-month tables, DuckDB's heaviest work)
 * to keep the test short.
 */
import assert from "node:assert/strict";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const wrapper = join(root, "platform/with_jemalloc.sh");

/** The allocator named by a `/proc/<pid>/maps` text: `jemalloc` when libjemalloc is mapped, else `system`. */
function mallocOf(maps: string): "jemalloc" | "system" {
  return /\/libjemalloc\.so[^\s/]*$/m.test(maps) ? "jemalloc" : "system";
}

/** Runs `args` through the wrapper with `env` added; fails the test when the command fails. */
async function wrapped(
  args: string[],
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string }> {
  const child = await new Deno.Command("bash", {
    args: [wrapper, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const [stdout, stderr] = [child.stdout, child.stderr].map((b) => new TextDecoder().decode(b));
  assert.ok(child.success, stderr);
  return { stdout: stdout!, stderr: stderr! };
}

/** Runs the pipeline's command (as `deno task pipeline` does) through the wrapper; its stderr and file hashes. */
async function run(env: Record<string, string>, out: string) {
  const { stderr } = await wrapped([
    Deno.execPath(),
    "run",
    "--no-prompt",
    "-A",
    join(root, "loaders/cli.ts"),
    "--out",
    out,
    "--scale",
    "tiny",
    "--report-memory",
    "--stage",
    "utilization",
  ], env);
  const manifest = JSON.parse(await Deno.readTextFile(join(out, "manifest.json"))) as {
    files: { name: string; sha256: string }[];
  };
  return { stderr, hashes: Object.fromEntries(manifest.files.map((f) => [f.name, f.sha256])) };
}

Deno.test("mallocOf reads a preloaded jemalloc from the process's memory mappings", () => {
  const glibc = [
    "7f1c2a000000-7f1c2a028000 r--p 00000000 08:01 1835013    /usr/lib/x86_64-linux-gnu/libc.so.6",
    "7f1c2b000000-7f1c2b100000 r-xp 00001000 08:01 1835100    /usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30",
  ].join("\n");
  assert.equal(mallocOf(glibc), "system");
  assert.equal(mallocOf(""), "system");
  assert.equal(
    mallocOf(
      `${glibc}\n7f1c29000000-7f1c29010000 r-xp 00000000 08:01 1835200    /usr/lib/x86_64-linux-gnu/libjemalloc.so.2`,
    ),
    "jemalloc",
  );
  // a file that merely mentions the name in a folder is not the library
  assert.equal(
    mallocOf("7f1c29000000-7f1c29010000 r--p 00000000 08:01 9 /tmp/libjemalloc.so.2/notes.txt"),
    "system",
  );
});

Deno.test("with_jemalloc.sh preloads jemalloc into the command, and LODESTAR_MALLOC=system keeps the system malloc", async () => {
  // what the process maps is the fact; LODESTAR_MALLOC is what the script says it chose
  const probe = [
    Deno.execPath(),
    "eval",
    "-A",
    'console.log(Deno.env.get("LODESTAR_MALLOC")); console.log(Deno.readTextFileSync("/proc/self/maps"))',
  ];
  const preloaded = (await wrapped(probe, {})).stdout;
  assert.equal(preloaded.split("\n")[0], "jemalloc");
  assert.equal(mallocOf(preloaded), "jemalloc");
  const system = (await wrapped(probe, { LODESTAR_MALLOC: "system" })).stdout;
  assert.equal(system.split("\n")[0], "system");
  assert.equal(mallocOf(system), "system");
});

Deno.test("the pipeline under with_jemalloc.sh uses jemalloc and writes the same bytes as under the system malloc", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lodestar-malloc-" });
  try {
    const jemalloc = await run({}, join(dir, "jemalloc"));
    const system = await run({ LODESTAR_MALLOC: "system" }, join(dir, "system"));
    assert.match(jemalloc.stderr, /^malloc: jemalloc$/m);
    assert.match(system.stderr, /^malloc: system$/m);
    assert.ok(Object.keys(system.hashes).length >= 15, `${Object.keys(system.hashes).length} outputs`);
    assert.deepEqual(jemalloc.hashes, system.hashes);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
