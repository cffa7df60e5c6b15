import assert from "node:assert/strict";
import { OUTPUTS } from "../../../loaders/pipeline.ts";
import { TABLE_DESCRIPTIONS } from "../../../loaders/validation/table_descriptions.ts";

Deno.test("TABLE_DESCRIPTIONS has one line for every pipeline output and none for a table it does not write", () => {
  const outputs = OUTPUTS.map(([table]) => table);
  assert.deepEqual(outputs.filter((t) => !TABLE_DESCRIPTIONS[t]), [], "outputs without a description");
  assert.deepEqual(
    Object.keys(TABLE_DESCRIPTIONS).filter((t) => !outputs.includes(t)),
    [],
    "stale descriptions",
  );
});
