/** A worker that makes one range of members' fills (`makeFills`) and reports its row count. */
import { type FillInputs, makeFills } from "./pharmacy_fills_make.ts";

/** The worker's global scope (the project type-checks against the window's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown): void;
};

interface Job {
  inputs: FillInputs;
  from: number;
  to: number;
  path: string;
}

scope.onmessage = async (event: MessageEvent<Job>) => {
  const { inputs, from, to, path } = event.data;
  try {
    scope.postMessage({ rows: await makeFills(inputs, from, to, path) });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
