import assert from "node:assert/strict";
import fc from "fast-check";
import { closeDb, type Db, openDb, queryRows, sqlString } from "../../loaders/lib/duckdb.ts";
import { generateSynthetic } from "../../loaders/synthetic/generate.ts";
import { poissonMacroSql } from "../../loaders/synthetic/poisson.ts";
import {
  type DrawKey,
  Draws,
  hashIndex,
  hashInteger,
  hashKey,
  hashOf,
  hashText,
  hashToString,
  roundCents,
  rpois,
} from "../../loaders/synthetic/draws.ts";

// The TypeScript draws are checked against DuckDB itself: the SQL macros of random.sql and
// poisson.ts are the definition, and the generator's values must not move when a step changes
// language.

async function withMacros(seed: number, body: (db: Db) => Promise<void>): Promise<void> {
  const db = await openDb();
  try {
    await db.con.run(`set variable seed = ${seed}`);
    await db.con.run(Deno.readTextFileSync(new URL("../../loaders/synthetic/random.sql", import.meta.url)));
    await db.con.run(poissonMacroSql());
    await body(db);
  } finally {
    closeDb(db);
  }
}

/** A key as a SQL literal of the type the generator uses: INTEGER, BIGINT or VARCHAR. */
function literal(key: DrawKey): string {
  if (typeof key === "string") return sqlString(key);
  return key >= -2147483648 && key <= 2147483647 ? `(${key})::integer` : `(${key})::bigint`;
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.constantFrom("", "M", "MH1234-000001", "MC00123-00042-1", "RXMH1234-000001-T01003R"),
);
const integer = fc.oneof(
  fc.integer({ min: 0, max: 2147483647 }),
  fc.integer({ min: -2147483648, max: -1 }),
  fc.maxSafeInteger().filter((v) => v > 2147483647),
);
const key: fc.Arbitrary<DrawKey> = fc.oneof(text, integer);

Deno.test("hashOf() equals DuckDB's hash() of integers, big integers and text, one to five keys", async () => {
  await withMacros(1, async (db) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(key, { minLength: 1, maxLength: 5 }), { minLength: 50, maxLength: 50 }),
        async (cases) => {
          const sql = cases.map((keys, i) =>
            `select ${i} as i, hash(${keys.map(literal).join(", ")})::varchar as h`
          );
          const rows = await queryRows(db, `${sql.join(" union all ")} order by i`);
          for (const [i, keys] of cases.entries()) {
            const mine = hashToString(hashOf(...keys.map((k) => k)));
            // (a negative INTEGER hashes as its 32-bit pattern; the arbitrary's negatives are INTEGERs)
            assert.equal(mine, rows[i]!.h, `hash(${keys.map(literal).join(", ")})`);
          }
        },
      ),
      { numRuns: 20, seed: 3, endOnFailure: true },
    );
    // the BIGINT reading of negative values
    const [row] = await queryRows(
      db,
      "select hash(-5000000000::bigint)::varchar as h, hash(-7::bigint)::varchar as s",
    );
    assert.equal(hashToString(hashInteger(-5000000000, true)), row!.h);
    assert.equal(hashToString(hashInteger(-7, true)), row!.s);
  });
});

Deno.test("Draws.runif() equals random.sql's runif() bit for bit, and rnorm() its rnorm() to the last bits", async () => {
  const seed = 20261;
  const draws = new Draws(seed);
  let same = 0, total = 0;
  await withMacros(seed, async (db) => {
    const tags = fc.constantFrom("er_n", "rx_gap", "care", "birth", "rx_status", "amb_kind");
    const nonNegative = fc.oneof(text, fc.integer({ min: 0, max: 2147483647 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(tags, nonNegative, nonNegative, nonNegative), { minLength: 100, maxLength: 100 }),
        async (cases) => {
          const sql = cases.map(([tag, a, b, c], i) =>
            `select ${i} as i, runif(${sqlString(tag)}, ${literal(a)}, ${literal(b)}, ${literal(c)}) as u,
              rnorm(${sqlString(tag)}, ${literal(a)}, ${literal(b)}, ${literal(c)}) as z`
          );
          const rows = await queryRows(db, `${sql.join(" union all ")} order by i`);
          for (const [i, [tag, a, b, c]] of cases.entries()) {
            const t = draws.tag(tag), ka = hashKey(a), kb = hashKey(b), kc = hashKey(c);
            assert.equal(draws.runif(t, ka, kb, kc), rows[i]!.u, `runif(${tag}, ${a}, ${b}, ${c})`);
            // ln and cos come from another maths library than DuckDB's (the C library's), which
            // may round the last bit differently: rnorm agrees to a few units in the last place
            const z = draws.rnorm(t, ka, kb, kc), expected = rows[i]!.z as number;
            assert.ok(
              Math.abs(z - expected) <= 4 * Number.EPSILON * Math.abs(expected),
              `rnorm(${tag}, ${a}, ${b}, ${c}): ${z} vs ${expected}`,
            );
            if (z === expected) same++;
            total++;
          }
        },
      ),
      { numRuns: 12, seed: 5, endOnFailure: true },
    );
  });
  // most normals are bit-identical; the rest differ in the last place or two
  assert.ok(same >= 0.8 * total, `${same} of ${total} normals bit-identical`);
});

Deno.test("rpois() and roundCents() equal the SQL rpois macro and DuckDB's round(x, 2)", async () => {
  await withMacros(1, async (db) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.001, max: 6, noNaN: true }),
            // the CDF's last bits come from exp and pow of two maths libraries: u within a few
            // units in the last place of a CDF value could fall on either side, so u stays 1e-12
            // away from 1, where the CDF's terms pile up (a draw lands there once in 10¹² draws)
            fc.double({ min: 0, max: 1 - 1e-12, noNaN: true }),
            fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x === 0 ? 0 : x),
          ),
          { minLength: 100, maxLength: 100 },
        ),
        async (cases) => {
          const values = cases.map(([lam, u, x], i) => `(${i}, ${lam}::double, ${u}::double, ${x}::double)`);
          const rows = await queryRows(
            db,
            `select i, rpois(lam, u) as n, round(x, 2) as r from (values ${
              values.join(", ")
            }) v(i, lam, u, x) order by i`,
          );
          for (const [i, [lam, u, x]] of cases.entries()) {
            assert.equal(rpois(lam, u), Number(rows[i]!.n), `rpois(${lam}, ${u})`);
            assert.equal(roundCents(x), rows[i]!.r, `round(${x}, 2)`);
          }
        },
      ),
      { numRuns: 30, seed: 7, endOnFailure: true },
    );
  });
});

Deno.test("the generator's own draws, recomputed in TypeScript: exposure uniforms, birth and death days, burden, adherence", async () => {
  const seed = 424242;
  const db = await openDb();
  try {
    await generateSynthetic(db, { seed, scale: "tiny", months: 12 });
    const draws = new Draws(seed);
    const [start] = await queryRows(db, "select getvariable('start_date')::varchar as d");
    const startDate = new Date(`${start!.d}T00:00:00Z`);
    const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

    // every member-month's three count uniforms, bit for bit
    const months = await queryRows(db, "select member_id, m, u_er, u_elective, u_acute_rx from exposure");
    assert.ok(months.length > 10_000, `${months.length} member-months`);
    const er = draws.tag("er_n"), el = draws.tag("el_n"), rx = draws.tag("rx_acute"), zero = hashIndex(0);
    for (const row of months) {
      const member = hashText(row.member_id as string), m = hashIndex(Number(row.m));
      assert.equal(draws.runif(er, member, m, zero), row.u_er, `u_er of ${row.member_id}, month ${row.m}`);
      assert.equal(draws.runif(el, member, m, zero), row.u_elective);
      assert.equal(draws.runif(rx, member, m, zero), row.u_acute_rx);
    }

    // birth_date = start − age years − ⌊runif('birth')·365⌋ days, so adding the days back lands on
    // the start's month and day; death_date = a month's first day + ⌊runif('death_day')·28⌋ days
    const people = await queryRows(
      db,
      "select member_id, birth_date::date::varchar as birth, death_date::date::varchar as death, burden from people",
    );
    const birth = draws.tag("birth"), death = draws.tag("death_day"), burden = draws.tag("burden");
    let deaths = 0;
    for (const p of people) {
      const member = hashText(p.member_id as string);
      const born = plusDays(
        new Date(`${p.birth}T00:00:00Z`),
        Math.floor(draws.runif(birth, member, zero, zero) * 365),
      );
      assert.equal(
        born.toISOString().slice(5, 10),
        startDate.toISOString().slice(5, 10),
        `birth of ${p.member_id}`,
      );
      if (p.death !== null) {
        deaths++;
        const first = plusDays(
          new Date(`${p.death}T00:00:00Z`),
          -Math.floor(draws.runif(death, member, zero, zero) * 28),
        );
        assert.equal(first.getUTCDate(), 1, `death of ${p.member_id}`);
      }
      const z = draws.rnorm(burden, member, zero, zero);
      assert.ok(
        Math.abs(z - (p.burden as number)) <= 4 * Number.EPSILON * Math.abs(z),
        `burden of ${p.member_id}`,
      );
    }
    assert.ok(people.length > 1000 && deaths > 0, `${people.length} people, ${deaths} deaths`);

    // adherence = sigmoid(3.1 + 0.75·rnorm('rx_adherence', member, therapy_key) − 0.25·burden): text keys
    const therapies = await queryRows(
      db,
      `select t.member_id, t.therapy_key, t.adherence, p.burden from therapies t join people p using (member_id)`,
    );
    const adherence = draws.tag("rx_adherence");
    for (const t of therapies) {
      const z = draws.rnorm(
        adherence,
        hashText(t.member_id as string),
        hashText(t.therapy_key as string),
        zero,
      );
      const a = 1 / (1 + Math.exp(-(3.1 + 0.75 * z - 0.25 * (t.burden as number))));
      assert.ok(
        Math.abs(a - (t.adherence as number)) < 1e-14,
        `adherence of ${t.member_id} ${t.therapy_key}`,
      );
    }
    assert.ok(therapies.length > 1000, `${therapies.length} therapies`);
  } finally {
    closeDb(db);
  }
});
