/**
 * The input contract. Its one definition lives in `src/lib/input/schema.ts`, so the build and the
 * browser upload page validate against the same columns, types and allowed values.
 */
export * from "../../src/lib/input/schema.ts";
