/** Reads a `.sql` file that sits next to the module that runs it. */
export function readSql(base: string | URL, name: string): string {
  return Deno.readTextFileSync(new URL(name, base));
}
