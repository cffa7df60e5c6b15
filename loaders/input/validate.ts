// Shared with the browser upload page: the one definition lives in src/lib/input/validate.ts.
export * from "../../src/lib/input/validate.ts";
