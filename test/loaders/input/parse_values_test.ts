import assert from "node:assert/strict";
import fc from "fast-check";
import {
  cleanText,
  cleanTextSql,
  daysInMonth,
  formatDate,
  matchAllowed,
  MAX_YEAR,
  MIN_YEAR,
  normalizeKey,
  parseBoolean,
  parseDate,
  parseInteger,
  parseNumber,
  TRIM_CHARACTERS,
} from "../../../loaders/input/parse_values.ts";
import { PRACTICE_TYPES } from "../../../loaders/contract/schema.ts";
import { withDb } from "./_helpers.ts";

/** Any calendar date in the accepted year range, as [year, month, day]. */
const calendarDate = fc.integer({ min: MIN_YEAR, max: MAX_YEAR }).chain((year) =>
  fc.integer({ min: 1, max: 12 }).chain((month) =>
    fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day) => [year, month, day] as const)
  )
);
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

Deno.test("parseDate()", async (t) => {
  await t.step("any date written YYYY-MM-DD, YYYYMMDD or YYYY/MM/DD parses back to itself", () => {
    fc.assert(fc.property(calendarDate, ([y, m, d]) => {
      const iso = formatDate(y, m, d);
      for (const text of [iso, `${y}${pad(m)}${pad(d)}`, `${y}/${pad(m)}/${pad(d)}`, `${y}-${m}-${d}`]) {
        assert.deepEqual(parseDate(text), { ok: true, value: iso }, text);
      }
    }));
  });

  await t.step("any month written YYYYMM or YYYY-MM parses to its first day", () => {
    fc.assert(fc.property(calendarDate, ([y, m]) => {
      for (const text of [`${y}${pad(m)}`, `${y}-${pad(m)}`]) {
        assert.deepEqual(parseDate(text), { ok: true, value: formatDate(y, m, 1) }, text);
      }
    }));
  });

  await t.step("impossible days and months are not dates", () => {
    fc.assert(fc.property(calendarDate, ([y, m]) => {
      assert.equal(parseDate(`${y}-${pad(m)}-${pad(daysInMonth(y, m) + 1)}`).ok, false);
      assert.equal(parseDate(`${y}${pad(m + 12)}`).ok, false);
    }));
    assert.deepEqual(parseDate("2025-13-01"), {
      ok: false,
      reason: "not a date",
      expected: "YYYY-MM-DD, YYYYMMDD, YYYY/MM/DD, YYYYMM or YYYY-MM",
    });
    for (const text of ["2023-02-29", "01/02/2024", "2024-001", "20240", "2024-01-01T00:00", "soon"]) {
      assert.equal(parseDate(text).ok, false, text);
    }
    assert.deepEqual(parseDate("2024-02-29"), { ok: true, value: "2024-02-29" });
  });

  await t.step("years outside the plausible range are refused with the range", () => {
    assert.deepEqual(parseDate("0205-01-01"), {
      ok: false,
      reason: "not a plausible date",
      expected: "a year from 1850 to 2150",
    });
  });
});

Deno.test("cleanText()", async (t) => {
  await t.step("any text with surrounding spaces and tabs trims to the text", () => {
    const blank = fc.constantFrom(" ", "\t", "\u00a0", "\r\n");
    fc.assert(fc.property(fc.string(), fc.array(blank), fc.array(blank), (s, before, after) => {
      assert.equal(cleanText(before.join("") + s + after.join("")), cleanText(s));
      assert.equal(cleanText(s), s.trim() === "" ? null : s.trim());
    }));
  });
  await t.step("blank and missing are null", () => {
    assert.equal(cleanText(null), null);
    assert.equal(cleanText(undefined), null);
    assert.equal(cleanText(" \t "), null);
  });
});

Deno.test("parseNumber() and parseInteger()", async (t) => {
  await t.step("any finite number, as JavaScript writes it, with or without $, parses back", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
      const value = x === 0 ? 0 : x; // -0 is written "0"
      assert.deepEqual(parseNumber(String(x)), { ok: true, value });
      const dollars = x < 0 ? `-$${-x}` : `$${value}`;
      assert.deepEqual(parseNumber(dollars), { ok: true, value }, dollars);
    }));
  });
  await t.step("accepts a leading $ and a sign on either side of it", () => {
    assert.deepEqual(parseNumber("$1200.50"), { ok: true, value: 1200.5 });
    assert.deepEqual(parseNumber("$ 80"), { ok: true, value: 80 });
    assert.deepEqual(parseNumber("-$5"), { ok: true, value: -5 });
    assert.deepEqual(parseNumber("$-5"), { ok: true, value: -5 });
    assert.deepEqual(parseNumber(".5"), { ok: true, value: 0.5 });
    assert.deepEqual(parseNumber("1e3"), { ok: true, value: 1000 });
  });
  await t.step("refuses thousands separators, decimal commas, two signs and words", () => {
    for (const text of ["1,234", "12,5", "-$-5", "$", "12 345", "ten", "1.2.3", "€5", "Infinity"]) {
      assert.deepEqual(
        parseNumber(text),
        {
          ok: false,
          reason: "not a number",
          expected: "a number such as 1234.56 (a leading $ is allowed; no thousands separators)",
        },
        text,
      );
    }
  });
  await t.step("whole numbers only for integers", () => {
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31) + 1, max: 2 ** 31 - 1 }), (n) => {
      assert.deepEqual(parseInteger(String(n)), { ok: true, value: n });
    }));
    assert.deepEqual(parseInteger("1.0"), { ok: true, value: 1 });
    assert.deepEqual(parseInteger("2.5"), {
      ok: false,
      reason: "not a whole number",
      expected: "a whole number such as 30",
    });
    assert.equal(parseInteger("3000000000").ok, false);
  });
});

Deno.test("parseBoolean()", () => {
  const words = { true: ["true", "1", "yes", "y", "t"], false: ["false", "0", "no", "n", "f"] };
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.nat(4),
      fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
      (b, i, upper) => {
        const word = [...words[b ? "true" : "false"][i]!].map((ch, j) => upper[j] ? ch.toUpperCase() : ch)
          .join("");
        assert.deepEqual(parseBoolean(word), { ok: true, value: b });
      },
    ),
  );
  assert.deepEqual(parseBoolean("maybe"), {
    ok: false,
    reason: "not a boolean",
    expected: "true/false, 1/0, yes/no, y/n or t/f",
  });
});

Deno.test("matchAllowed() and normalizeKey()", async (t) => {
  await t.step(
    "any allowed value in any case, with spaces or hyphens for underscores, matches itself",
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...PRACTICE_TYPES),
          fc.constantFrom(" ", "-", "_", ""),
          fc.boolean(),
          (v, sep, upper) => {
            const written = v.replaceAll("_", sep);
            assert.deepEqual(matchAllowed(upper ? written.toUpperCase() : written, PRACTICE_TYPES), {
              ok: true,
              value: v,
            });
          },
        ),
      );
    },
  );
  await t.step("other values list the allowed ones", () => {
    assert.deepEqual(matchAllowed("X", ["F", "M"]), {
      ok: false,
      reason: "not an allowed value",
      expected: "one of F, M",
    });
  });
  await t.step("normalizeKey drops case, accents, spaces and punctuation", () => {
    assert.equal(normalizeKey(" Código Postal-2 "), "codigopostal2");
    assert.equal(normalizeKey("PROV_CODE"), normalizeKey("Prov Code"));
  });
});

Deno.test("cleanTextSql() trims exactly what cleanText() trims", async () => {
  const edge = fc.constantFrom(...TRIM_CHARACTERS, "\u200b", "\u0085", "x", "é", "\u0301");
  const texts = fc.sample(
    fc.oneof(
      fc.string(),
      fc.tuple(fc.array(edge), fc.string({ unit: "grapheme" }), fc.array(edge)).map(([a, s, b]) =>
        a.join("") + s + b.join("")
      ),
    ),
    { numRuns: 2000, seed: 42 },
  );
  await withDb(async (db) => {
    await db.con.run("create table t (i integer, s varchar)");
    const appender = await db.con.createAppender("t");
    texts.forEach((s, i) => {
      appender.appendInteger(i);
      appender.appendVarchar(s);
      appender.endRow();
    });
    appender.closeSync();
    const reader = await db.con.runAndReadAll(`select ${cleanTextSql("s")} as v from t order by i`);
    const sql = reader.getColumns()[0]!;
    texts.forEach((s, i) => assert.equal(sql[i], cleanText(s), JSON.stringify(s)));
  });
});
