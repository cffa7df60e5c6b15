// Shared with the browser upload page: the one definition lives in src/lib/utilization/score.ts.
export * from "../../src/lib/utilization/score.ts";
