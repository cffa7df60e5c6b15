// The utilization upload's Web Worker: decodes, splits and validates the claims, members and providers files
// off the main thread with the same functions the page would run, posting progress and then the result, its
// tables as UTF-8 bytes handed over by transfer (see table_bytes.ts).
import { parseMapping } from "../input/mapping.js";
import { readClaimsUpload, type UploadInput } from "./claims_upload.js";
import { encodeTables } from "./table_bytes.js";

/** A request to the worker: the files, the mapping's JSON and the remembered column choices. */
export interface ClaimsWorkerRequest {
  files: UploadInput[];
  mapping: unknown;
  overrides: Record<string, Record<string, string>>;
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ClaimsWorkerRequest>) => void) | null;
  postMessage: (message: unknown, transfer?: Transferable[]) => void;
};

scope.onmessage = async (event) => {
  const { files, mapping, overrides } = event.data;
  try {
    const result = await readClaimsUpload(files, parseMapping(mapping, "flat-claims"), {
      overrides,
      onProgress: (share) => scope.postMessage({ progress: share }),
    });
    const { encoded, transfer } = encodeTables(result);
    scope.postMessage({ result: encoded }, transfer);
  } catch (e) {
    scope.postMessage({ error: String((e as Error).message ?? e) });
  }
};
