// The upload page's Web Worker: decodes, splits and validates one file off the main thread with the same
// functions the page would run, posting progress and then the result.
import { processStarUpload } from "./process_file.js";
import { starReference, type StarReferenceTexts } from "./star_reference.js";

/** A request to the worker. */
export interface StarWorkerRequest {
  bytes: Uint8Array;
  name: string;
  reference: StarReferenceTexts;
  mapping: Record<string, string>;
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<StarWorkerRequest>) => void) | null;
  postMessage: (message: unknown) => void;
};

scope.onmessage = async (event) => {
  const { bytes, name, reference, mapping } = event.data;
  try {
    const result = await processStarUpload(bytes, name, starReference(reference), {
      mapping,
      onProgress: (share) => scope.postMessage({ progress: share }),
    });
    scope.postMessage({ result });
  } catch (e) {
    scope.postMessage({ error: String((e as Error).message ?? e) });
  }
};
