// The data dictionary page's source: the input contract, exactly as the pipeline validates it.
import { INPUT_TABLES } from "../../loaders/contract/schema.ts";

console.log(JSON.stringify(INPUT_TABLES, null, 1));
