// The NYU/Johnston ED classification by ICD-10 code (data/README.md gives its source), for the upload page's
// ER visits when the uploaded claims carry diagnoses.
import { join } from "node:path";

const root = join(import.meta.dirname!, "..", "..", "..", "data", "reference", "ed");
const file = await Deno.open(join(root, "ed_classification_johnston_icd10.csv"));
await file.readable.pipeTo(Deno.stdout.writable);
