/** Address normalisation, encoding negotiation, sidebar links and cookie parsing. */
import assert from "node:assert/strict";
import { normaliseEmail } from "../../gateway/email_address.ts";
import { chooseEncoding } from "../../gateway/serve_file.ts";
import { resolveHref } from "../../gateway/sidebar_filter.ts";
import { readCookie } from "../../gateway/sessions.ts";

Deno.test("normaliseEmail()", () => {
  assert.equal(normaliseEmail("  Alice@Example.COM "), "alice@example.com");
  assert.equal(normaliseEmail("e\u0301mile@example.com"), "\u00e9mile@example.com"); // NFC
  for (
    const bad of [
      "",
      "alice",
      "a@b",
      "a b@example.com",
      "a@b.c,d@e.f",
      "<a@b.c>",
      42,
      null,
      "x".repeat(300) + "@a.b",
    ]
  ) {
    assert.equal(normaliseEmail(bad), undefined, String(bad));
  }
});

Deno.test("chooseEncoding()", () => {
  assert.equal(chooseEncoding("gzip, deflate, br"), "br");
  assert.equal(chooseEncoding("gzip"), "gzip");
  assert.equal(chooseEncoding("br;q=0, gzip"), "gzip");
  assert.equal(chooseEncoding("*"), "br");
  assert.equal(chooseEncoding("identity"), undefined);
  assert.equal(chooseEncoding(null), undefined);
});

Deno.test("resolveHref()", () => {
  assert.equal(resolveHref("/data/explorer", "./dictionary"), "/data/dictionary");
  assert.equal(resolveHref("/data/explorer", "./"), "/data/");
  assert.equal(resolveHref("/data/", "./explorer"), "/data/explorer");
  assert.equal(resolveHref("/data/explorer", "../"), "/");
  assert.equal(resolveHref("/", "./data/"), "/data/");
  assert.equal(resolveHref("/care/gaps", "../stars/measures#x"), "/stars/measures");
});

Deno.test("readCookie()", () => {
  assert.equal(readCookie("a=1; __Host-sid=abc; b=2", "__Host-sid"), "abc");
  assert.equal(readCookie("__Host-sid=abc; __Host-sid=def", "__Host-sid"), undefined, "repeated");
  assert.equal(readCookie("x__Host-sid=abc", "__Host-sid"), undefined);
  assert.equal(readCookie(null, "__Host-sid"), undefined);
  assert.equal(readCookie("__Host-sid=" + "a".repeat(9000), "__Host-sid"), undefined, "oversized header");
});
