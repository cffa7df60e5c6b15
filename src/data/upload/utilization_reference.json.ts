// The upload page's utilization definitions, as the build's own files: the SQL of member-months, ER visits
// and company-month counts (run unchanged by DuckDB-WASM in the page) and the shipped flat-claims mapping.
import { join } from "node:path";

const loaders = join(import.meta.dirname!, "..", "..", "..", "loaders");
const read = (...path: string[]) => Deno.readTextFile(join(loaders, ...path));

console.log(JSON.stringify({
  sql: {
    member_months: await read("core", "member_months.sql"),
    company_er_visits: await read("utilization", "er_visits.sql"),
    company_month_counts: await read("utilization", "company_month_counts.sql"),
  },
  mapping: JSON.parse(await read("input", "mappings", "flat-claims.json")),
}));
