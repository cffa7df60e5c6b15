/** Reads a small numeric fixture CSV (header row, comma-separated, no quoting) into columns. */
export function readNumericCsv(url: URL): Record<string, number[]> {
  const [header, ...lines] = Deno.readTextFileSync(url).trimEnd().split("\n");
  const names = header!.split(",");
  const columns: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  lines.forEach((line, i) => {
    const cells = line.split(",");
    if (cells.length !== names.length) throw new Error(`${url.pathname} row ${i + 2}: ${cells.length} cells`);
    cells.forEach((c, j) => columns[names[j]!]!.push(Number(c)));
  });
  return columns;
}

/** Builds a row-major matrix from the named columns. */
export function rowsOf(columns: Record<string, number[]>, names: readonly string[]): number[][] {
  const n = columns[names[0]!]!.length;
  return Array.from({ length: n }, (_, i) => names.map((name) => columns[name]![i]!));
}
