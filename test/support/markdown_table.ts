/** The trimmed cells of one Markdown table row (`| a | b |` → `["a", "b"]`). */
export function tableCells(line: string): string[] {
  return line.split("|").slice(1, -1).map((c) => c.trim());
}
