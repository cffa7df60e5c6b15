// Shared with the browser upload page: the one definition lives in src/lib/input/plan.ts.
export * from "../../src/lib/input/plan.ts";
