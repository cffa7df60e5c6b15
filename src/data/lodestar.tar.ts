// Archive loader: runs the whole pipeline once and emits every output as one deterministic tar.
// Pages read members of it as FileAttachment("data/lodestar/<table>.parquet").
import { join } from "node:path";
import { tarChunks } from "../../loaders/lib/tar.ts";
import { runPipeline } from "../../loaders/pipeline.ts";
import { inputFromEnv, scaleFromEnv, seedFromEnv } from "../../loaders/settings.ts";

const env = (name: string) => Deno.env.get(name);
const dir = await Deno.makeTempDir({ prefix: "lodestar-" });
try {
  const manifest = await runPipeline({
    out: dir,
    seed: seedFromEnv(env),
    scale: scaleFromEnv(env),
    ...inputFromEnv(env),
  });
  const names = [...manifest.files.map((f) => f.name), "manifest.json"];
  const files = await Promise.all(
    names.map(async (name) => ({ name, data: await Deno.readFile(join(dir, name)) })),
  );
  const writer = Deno.stdout.writable.getWriter();
  for (const chunk of tarChunks(files)) await writer.write(chunk);
  await writer.close();
} finally {
  await Deno.remove(dir, { recursive: true });
}
