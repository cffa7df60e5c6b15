// Row helpers shared by the Utilization pages: Arrow tables to plain rows, company names, months.

/** Plain objects from an Arrow table (or any iterable of row proxies). */
export function rowsOf<T = Record<string, unknown>>(table: Iterable<unknown>): T[] {
  return Array.from(table, (d) => ({ ...(d as object) }) as T);
}

/** `YYYY-MM` → a Date at the first of the month (UTC). */
export function monthDate(yearMonth: string): Date {
  return new Date(`${yearMonth}-01T00:00:00Z`);
}

/** Company display names by id (falls back to the id). */
export function companyNames(companies: Iterable<unknown>): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of companies as Iterable<{ company_id: string; company_name?: string | null }>) {
    map.set(c.company_id, c.company_name ?? c.company_id);
  }
  return map;
}

/** Band colours used on every Utilization chart. */
export const BAND_COLORS = { domain: ["High", "Medium", "Low"], range: ["#d62728", "#ff9f1c", "#2ca02c"] };
