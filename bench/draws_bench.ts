/**
 * The generator's draws in TypeScript (`loaders/synthetic/draws.ts`) against the same draws in
 * DuckDB (`random.sql`): one million `runif(tag, member_id, m, 0)` each, over 1,000 members × 1,000
 * months, the member ids hashed once per member in TypeScript as a one-pass generator would.
 */
import { closeDb, openDb } from "../loaders/lib/duckdb.ts";
import { Draws, hashIndex, hashText } from "../loaders/synthetic/draws.ts";

const draws = new Draws(20261);
const tag = draws.tag("er_n");
const gap = draws.tag("rx_gap");
const members = Array.from({ length: 1000 }, (_, i) => `MH1234-${String(i).padStart(6, "0")}`);
const zero = hashIndex(0);

Deno.bench("runif, 1M draws (TypeScript)", { group: "draws", baseline: true }, () => {
  let s = 0;
  for (const id of members) {
    const member = hashText(id);
    for (let m = 0; m < 1000; m++) s += draws.runif(tag, member, hashIndex(m), zero);
  }
  if (!(s > 0)) throw new Error("no draws");
});

Deno.bench("rnorm, 1M draws (TypeScript)", { group: "draws" }, () => {
  let s = 0;
  for (const id of members) {
    const member = hashText(id);
    for (let m = 0; m < 1000; m++) s += draws.rnorm(gap, member, hashIndex(m), zero);
  }
  if (!Number.isFinite(s)) throw new Error("no draws");
});

const db = await openDb({ threads: 2 });
await db.con.run("set variable seed = 20261");
await db.con.run(Deno.readTextFileSync(new URL("../loaders/synthetic/random.sql", import.meta.url)));
await db.con.run(
  `create table keys as select 'MH1234-' || lpad(i::varchar, 6, '0') as member_id, m::integer as m
   from range(1000) r(i), range(1000) s(m)`,
);

Deno.bench("runif, 1M draws (DuckDB, 2 threads)", { group: "draws" }, async () => {
  await db.con.run("select sum(runif('er_n', member_id, m, 0)) from keys");
});

Deno.bench("rnorm, 1M draws (DuckDB, 2 threads)", { group: "draws" }, async () => {
  await db.con.run("select sum(rnorm('rx_gap', member_id, m, 0)) from keys");
});

globalThis.addEventListener("unload", () => closeDb(db));
