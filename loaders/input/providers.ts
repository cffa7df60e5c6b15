// Shared with the browser upload page: the one definition lives in src/lib/input/providers.ts.
export * from "../../src/lib/input/providers.ts";
