// The upload page's reference inputs for Star year 2026: the measure catalogue and CMS's published Part C and
// Part D cut points, as the texts the engine's parsers read (data/README.md gives their sources).
import { join } from "node:path";

const root = join(import.meta.dirname!, "..", "..", "..", "data", "reference");
const cms = join(root, "cms-2026");
const read = (path: string) => Deno.readTextFile(path);
const names = [...Deno.readDirSync(cms)].map((e) => e.name);
const table = (which: string) => {
  const name = names.find((n) => n.startsWith(`2026 Star Ratings Data Table - ${which}`));
  if (!name) throw new Error(`data/reference/cms-2026 has no "${which}" table`);
  return join(cms, name);
};

console.log(JSON.stringify({
  year: 2026,
  measures: await read(join(root, "stars", "measures.csv")),
  cutPointsC: await read(table("Part C Cut Points")),
  cutPointsD: await read(table("Part D Cut Points")),
}));
