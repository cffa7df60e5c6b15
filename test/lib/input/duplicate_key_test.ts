import assert from "node:assert/strict";
import { duplicateKeyText, KEY_SEPARATOR } from "../../../src/lib/input/duplicate_key.ts";

Deno.test("duplicateKeyText()", async (t) => {
  await t.step("the build names the first data row", () => {
    const d = duplicateKeyText(["member_id", "enrollment_start_date"], "row");
    assert.equal(d.reason, "duplicate member_id, enrollment_start_date");
    assert.equal(d.expectedBefore, "one row per member_id, enrollment_start_date; first seen at row ");
  });

  await t.step("the upload page names the first file line", () => {
    const d = duplicateKeyText(["member_id"], "line");
    assert.equal(d.reason, "duplicate member_id");
    assert.equal(d.expectedBefore, "one row per member_id; first seen on line ");
    assert.equal(KEY_SEPARATOR, ", ");
  });
});
