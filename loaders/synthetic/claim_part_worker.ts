/** A worker that makes one part of a claim table (`makePart`) and reports its row count. */
import { type ClaimPart, makePart } from "./claim_parts.ts";

/** The worker's global scope (the project type-checks against the window's). */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ClaimPart>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = async (event: MessageEvent<ClaimPart>) => {
  try {
    scope.postMessage({ rows: await makePart(event.data) });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
};
