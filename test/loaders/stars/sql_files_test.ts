import assert from "node:assert/strict";
import { STEPS } from "../../../loaders/stars/member_measures.ts";

const DIR = new URL("../../../loaders/stars/measures/", import.meta.url);

Deno.test("star measure SQL files", async (t) => {
  const files = [...Deno.readDirSync(DIR)].map((e) => e.name).filter((n) => n.endsWith(".sql")).sort();
  await t.step("the runner runs every file exactly once", () => {
    assert.deepEqual(STEPS.map(([, file]) => file).sort(), files);
  });
  await t.step("every file declares its grain in the header comment", () => {
    for (const name of files) {
      const text = Deno.readTextFileSync(new URL(name, DIR));
      const header = text.split("\n").filter((l) => l.startsWith("--"));
      assert.ok(header.some((l) => l.startsWith("-- grain: ")), `${name} has no "-- grain:" line`);
    }
  });
});
