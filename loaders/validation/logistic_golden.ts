/**
 * Agreement of the project's logistic regression with scikit-learn on the committed fixtures
 * (`test/input/logistic/*.csv`, goldens `test/golden/logistic/*.json` written by
 * `test/golden/sklearn_golden.py`).
 */
import { fitLogisticRegression } from "../../models/logistic/logistic_regression.ts";

/** One scikit-learn fit of a fixture. */
export interface SklearnFit {
  C: number;
  intercept_std: number;
  coefficients_std: number[];
  intercept: number;
  coefficients: number[];
}

/** A fixture: its rows, labels and scikit-learn's fits at several C. */
export interface LogisticFixture {
  name: string;
  x: number[][];
  y: number[];
  fits: SklearnFit[];
}

/**
 * Largest relative coefficient difference over every fixture and C, on both scales:
 *
 *   max |β̂ − β_sk| / max(1, |β_sk|)   over intercepts and coefficients, standardised and raw
 *
 * and how many fits were compared.
 *
 * @example
 * ```ts
 * const { fits } = logisticGoldenAgreement([]);
 * // fits === 0
 * ```
 */
export function logisticGoldenAgreement(fixtures: readonly LogisticFixture[]): {
  maxRelativeDiff: number;
  fits: number;
} {
  let worst = 0;
  let fits = 0;
  for (const f of fixtures) {
    for (const g of f.fits) {
      const m = fitLogisticRegression(f.x, f.y, { C: g.C });
      const ours = [m.interceptStd, ...m.coefficientsStd, m.intercept, ...m.coefficients];
      const theirs = [g.intercept_std, ...g.coefficients_std, g.intercept, ...g.coefficients];
      if (ours.length !== theirs.length) {
        throw new Error(
          `Cannot compare fixture ${f.name} at C ${g.C}: ${ours.length} terms against scikit-learn's ${theirs.length}`,
        );
      }
      ours.forEach((a, i) => {
        const e = theirs[i]!;
        worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
      });
      fits++;
    }
  }
  return { maxRelativeDiff: worst, fits };
}

/** Reads a fixture CSV (header, numbers, label column `y`) and its golden JSON. */
export async function readLogisticFixture(csv: string | URL, golden: string | URL, name: string) {
  const [header, ...lines] = (await Deno.readTextFile(csv)).trimEnd().split("\n");
  const names = (header ?? "").split(",");
  const yAt = names.indexOf("y");
  if (yAt < 0) throw new Error(`Cannot read ${csv}: no "y" column in the header ("${header}")`);
  const x: number[][] = [];
  const y: number[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(",").map(Number);
    const bad = cells.findIndex((c) => !Number.isFinite(c));
    if (cells.length !== names.length || bad >= 0) {
      throw new Error(
        `Cannot read ${csv} row ${i + 2}: expected ${names.length} numbers, got "${line}"`,
      );
    }
    y.push(cells[yAt]!);
    x.push(cells.filter((_, j) => j !== yAt));
  });
  const parsed = JSON.parse(await Deno.readTextFile(golden)) as { fits: SklearnFit[] };
  return { name, x, y, fits: parsed.fits } satisfies LogisticFixture;
}
