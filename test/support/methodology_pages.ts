/**
 * The pages whose figures must all come from the build's outputs: the Methodology section, the Model
 * Cards and the data dictionary. test/browser/methodology_test.ts renders and checks each of them (with
 * every check test/browser/pages_test.ts makes of a page), so pages_test.ts leaves them out.
 */
import { SECTIONS } from "../../platform/navigation.ts";

export const METHODOLOGY_PAGES: readonly string[] = [
  ...SECTIONS.filter((s) => s.name === "Methodology" || s.name === "Model Cards").flatMap((s) =>
    s.pages.map((p) => p.path)
  ),
  "/data/dictionary",
];
