import assert from "node:assert/strict";
import { requestsCarryingData } from "./browser.ts";

Deno.test("requestsCarryingData()", async (t) => {
  const origin = "http://127.0.0.1:4321";
  await t.step("passes local GETs without a body, including blob: URLs of the origin", () => {
    assert.deepEqual(
      requestsCarryingData([
        { url: `${origin}/data/upload-claims`, method: "GET", body: null },
        { url: `blob:${origin}/5f0c`, method: "GET", body: null },
      ], origin),
      [],
    );
  });
  await t.step("names every request to another host, other than GET, or with a body", () => {
    assert.deepEqual(
      requestsCarryingData([
        { url: "https://example.com/collect", method: "GET", body: null },
        { url: "http://127.0.0.1:43210/x", method: "GET", body: null },
        { url: `${origin}/api`, method: "POST", body: "member_id,M1" },
        { url: `${origin}/ok`, method: "GET", body: null },
        { url: `${origin}/q`, method: "GET", body: "" },
      ], origin),
      [
        "GET https://example.com/collect",
        "GET http://127.0.0.1:43210/x",
        `POST ${origin}/api (body of 12 characters)`,
        `GET ${origin}/q (body of 0 characters)`,
      ],
    );
  });
});
