/** One row of `validation_checks`: a fact about a method, computed at build time, with its reference. */
export interface CheckRow {
  /** The methodology page the check belongs to (its path name, e.g. `ivi`). */
  method: string;
  /** Stable key of the check within the method. */
  check_id: string;
  description: string;
  value: number | null;
  /** What the value is compared with (a count to reach, an expected value), or null for a figure only. */
  reference: number | null;
  /** Largest accepted |value − reference|, or null for an exact or count comparison. */
  tolerance: number | null;
  /** Whether the check holds, or null for an informational figure. */
  passed: boolean | null;
  /** Tables or committed files the value was computed from. */
  source: string;
}

/** Column layout of `validation_checks`, in the order the SQL checks select them. */
export const CHECK_COLUMNS = [
  ["method", "varchar"],
  ["check_id", "varchar"],
  ["description", "varchar"],
  ["value", "double"],
  ["reference", "double"],
  ["tolerance", "double"],
  ["passed", "boolean"],
  ["source", "varchar"],
] as const;
